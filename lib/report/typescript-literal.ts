import { compareText } from '../model';
import { textLine } from './escape';

/** TypeScript source for values the generated DSL code holds: strings, label maps, comments. */

/**
 * A single-quoted TypeScript string of the text: backslashes and quotes escaped, and control
 * characters and line terminators (which would end the literal, or the line, early) as
 * escapes, which TypeScript reads back as the same characters.
 */
export function typeScriptString(text: string): string {
  return `'${textLine(text.replace(/\\/g, '\\\\').replace(/'/g, "\\'"))}'`;
}

/** Text for a `//` comment: on one line, so nothing after a line break could run as code. */
export function typeScriptComment(text: string): string {
  return textLine(text);
}

/** `{ app: 'web', 'app.kubernetes.io/name': 'shop' }`: keys sorted, quoted when not identifiers. */
export function typeScriptLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.keys(labels)
    .sort(compareText)
    .map((key) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : typeScriptString(key)}: ${typeScriptString(labels[key])}`);
  return `{ ${entries.join(', ')} }`;
}
