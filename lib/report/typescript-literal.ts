import { compareText } from '../model';

/** TypeScript source for values the generated DSL code holds: strings and label maps. */

/** A single-quoted TypeScript string. */
export function typeScriptString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `{ app: 'web', 'app.kubernetes.io/name': 'shop' }`: keys sorted, quoted when not identifiers. */
export function typeScriptLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.keys(labels)
    .sort(compareText)
    .map((key) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : typeScriptString(key)}: ${typeScriptString(labels[key])}`);
  return `{ ${entries.join(', ')} }`;
}
