import type { ManifestObject } from '../manifests';
import { markdownText, textLine } from './escape';
import { renderMarkdownTable } from './table';

/** What an answer does not include, to be said beside it. */
export interface LeftOutOfAnalysis {
  /** Objects the API server would reject: left out, their errors reported. */
  readonly invalid: readonly ManifestObject[];
  /** Policies of kinds the analysis does not evaluate. */
  readonly notEvaluated: readonly ManifestObject[];
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
export function leftOutJson(leftOut: LeftOutOfAnalysis): { leftOut?: readonly ObjectJson[]; notEvaluated?: readonly ObjectJson[] } {
  return {
    ...(leftOut.invalid.length > 0 ? { leftOut: leftOut.invalid.map(objectJson) } : {}),
    ...(leftOut.notEvaluated.length > 0 ? { notEvaluated: leftOut.notEvaluated.map(objectJson) } : {}),
  };
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
  return lines.map((line) => `${line}\n`).join('');
}

/** The omissions as a Markdown table after a result; empty when nothing was left out. */
export function renderLeftOutMarkdown(leftOut: LeftOutOfAnalysis): string {
  const rows = [
    ...leftOut.invalid.map((object) => [markdownText(objectName(object)), markdownText(object.source.file), 'left out: invalid']),
    ...leftOut.notEvaluated.map((object) => [markdownText(objectName(object)), markdownText(object.source.file), 'not evaluated: the verdicts do not include it']),
  ];
  if (rows.length === 0) {
    return '';
  }
  return `\n**Not in the analysis**\n\n${renderMarkdownTable(['Object', 'File', 'Why'], rows)}`;
}
