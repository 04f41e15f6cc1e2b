import type { FieldPosition } from '../manifests';

/**
 * A place in the inputs that a result of `diff` or `audit` points at: an object (a policy, an
 * admin-tier policy, a workload) and a field of it, with what it has to do with the result.
 * SARIF writes it as a location, JUnit and Markdown as text.
 */
export interface ManifestLocation {
  /** The file, as the tool was given it (`-` for standard input). */
  readonly file: string;
  /** The object, e.g. `NetworkPolicy shop/db-ingress`. */
  readonly object: string;
  /** The field inside it, e.g. `spec.ingress[0]`; empty for the object itself. */
  readonly fieldPath: string;
  /** What the place has to do with the result, e.g. `allows it` or `isolates shop/db for ingress`. */
  readonly note: string;
  /** Where the field is written. @default unknown (standard input, or not YAML the positions reader takes) */
  readonly position?: FieldPosition;
  /** Where the object starts. @default unknown */
  readonly objectPosition?: FieldPosition;
}

/** `NetworkPolicy shop/db-ingress spec.ingress[0] (allows it)`. */
export function formatManifestLocation(location: ManifestLocation): string {
  const line = location.position ? `:${location.position.line}` : '';
  return `${location.object}${location.fieldPath ? ` ${location.fieldPath}` : ''} (${location.note}; ${location.file}${line})`;
}
