import type { ManifestObject } from '../manifests';
import { markdownText, textLine } from './escape';
import { renderMarkdownTable } from './table';

/** What an answer does not include, to be said beside it. */
export interface LeftOutOfAnalysis {
  /** Objects the API server would reject: left out, their errors reported. */
  readonly invalid: readonly ManifestObject[];
  /** Policies of kinds the analysis does not evaluate. */
  readonly notEvaluated: readonly ManifestObject[];
  /**
   * Calico's StagedKubernetesNetworkPolicies, which enforce nothing and so are not in the
   * verdicts (`--staged` evaluates them as enforced).
   * @default none
   */
  readonly staged?: readonly ManifestObject[];
}

/** An object in JSON: `{file, kind, namespace, name}`, namespace null when cluster-scoped. */
interface ObjectJson {
  readonly file: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
}

function objectJson(object: ManifestObject): ObjectJson {
  return { file: object.source.file, kind: object.kind, namespace: object.namespace ?? null, name: object.name };
}

/** `Kind namespace/name` or `Kind name`; `(unnamed)` when it has none. */
function objectName(object: ManifestObject): string {
  const name = object.name || '(unnamed)';
  return `${object.kind || 'document'} ${object.namespace !== undefined ? `${object.namespace}/${name}` : name}`;
}

function listed(objects: readonly ManifestObject[]): string {
  return textLine(objects.map((object) => `${objectName(object)} (${object.source.file})`).join(', '));
}

/**
 * The JSON fields beside a result's: `leftOut` (invalid objects) and `notEvaluated`
 * (policies of kinds not evaluated), each only when not empty.
 */
export function leftOutJson(leftOut: LeftOutOfAnalysis): { leftOut?: readonly ObjectJson[]; notEvaluated?: readonly ObjectJson[]; staged?: readonly ObjectJson[] } {
  const staged = leftOut.staged ?? [];
  return {
    ...(leftOut.invalid.length > 0 ? { leftOut: leftOut.invalid.map(objectJson) } : {}),
    ...(leftOut.notEvaluated.length > 0 ? { notEvaluated: leftOut.notEvaluated.map(objectJson) } : {}),
    ...(staged.length > 0 ? { staged: staged.map(objectJson) } : {}),
  };
}

/** The line naming staged policies the verdicts include as enforced (`--staged`); empty when there are none. */
export function stagedEnforcedNote(staged: readonly ManifestObject[]): string {
  return staged.length === 0 ? '' : `staged, evaluated as enforced (--staged): ${listedBriefly(staged)}\n`;
}

/** The line naming staged policies the verdicts leave out; empty when there are none. */
export function stagedNote(staged: readonly ManifestObject[]): string {
  return staged.length === 0 ? '' : `staged, not enforced, the verdicts do not include them (--staged evaluates them as enforced): ${listedBriefly(staged)}\n`;
}

/** How many staged policies a note names before it counts the rest (a staged estate has one per policy). */
const NAMED_IN_NOTE = 5;

/** The first few objects, then how many more (JSON lists them all). */
function listedBriefly(objects: readonly ManifestObject[]): string {
  const more = objects.length - NAMED_IN_NOTE;
  return more > 0 ? `${listed(objects.slice(0, NAMED_IN_NOTE))} and ${more} more` : listed(objects);
}

/** One text line per kind of omission after a result; empty when nothing was left out. */
export function renderLeftOutText(leftOut: LeftOutOfAnalysis): string {
  const lines: string[] = [];
  if (leftOut.invalid.length > 0) {
    lines.push(`left out as invalid (see the errors): ${listed(leftOut.invalid)}`);
  }
  if (leftOut.notEvaluated.length > 0) {
    lines.push(`not evaluated, the verdicts do not include them: ${listed(leftOut.notEvaluated)}`);
  }
  return lines.map((line) => `${line}\n`).join('') + stagedNote(leftOut.staged ?? []);
}

/** The omissions as a Markdown table after a result; empty when nothing was left out. */
export function renderLeftOutMarkdown(leftOut: LeftOutOfAnalysis): string {
  const rows = [
    ...leftOut.invalid.map((object) => [markdownText(objectName(object)), markdownText(object.source.file), 'left out: invalid']),
    ...leftOut.notEvaluated.map((object) => [markdownText(objectName(object)), markdownText(object.source.file), 'not evaluated: the verdicts do not include it']),
    ...(leftOut.staged ?? []).map((object) => [markdownText(objectName(object)), markdownText(object.source.file), 'staged, not enforced: the verdicts do not include it (--staged evaluates it)']),
  ];
  if (rows.length === 0) {
    return '';
  }
  return `\n**Not in the analysis**\n\n${renderMarkdownTable(['Object', 'File', 'Why'], rows)}`;
}
