import type { FieldPosition, ManifestFinding } from '../manifests';
import type { Acknowledgement } from '../validate';

/** A finding as the reports show it: whether it was acknowledged, and where in its file it is. */
export interface ReviewedFinding extends ManifestFinding {
  /** Why it is accepted; an acknowledged finding does not fail the check. */
  readonly acknowledged?: Acknowledgement;
  /** An acknowledgement that matched but has expired: the finding counts again, and says so. */
  readonly expiredAcknowledgement?: Acknowledgement;
  /** The line and column of the field (or the nearest enclosing one the file writes). */
  readonly position?: FieldPosition;
  /** The line and column where the object starts. */
  readonly objectPosition?: FieldPosition;
}
