import { readYamlExact } from './exact-yaml';
import { readYamlFast } from './fast-yaml';
import { isObject } from '../validate/shape';
import { ManifestError } from './manifest-error';

/** One document of a manifest file, as plain data. */
export interface ParsedDocument {
  /** Zero-based; empty documents take an index, List items take one each in place of the List. */
  readonly documentIndex: number;
  readonly value: unknown;
}

/** `List` and typed lists (`PodList`, `NetworkPolicyList`) hold their objects in `items`. */
function listItems(value: unknown): unknown[] | undefined {
  if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items;
  }
  return undefined;
}

/**
 * Parses multi-document YAML (or JSON) into plain values, as kubectl reads YAML (go-yaml v2:
 * `yes`, `on` and `y` are booleans and `0755` is octal, so a label written `enabled: yes`
 * is not the string "yes" and the API server rejects it; timestamps stay strings).
 * Lists are flattened into their items. Empty documents are skipped. Syntax errors,
 * duplicate keys and alias expansion beyond MAX_ALIAS_COUNT are errors naming the file,
 * document and line. Text the fast reader declines or refuses is read by the exact one.
 */
export function parseDocuments(text: string, file: string): ParsedDocument[] {
  const fast = readYamlFast(text);
  const { values, failure } = fast ? { values: fast, failure: undefined } : readYamlExact(text);
  const parsed: ParsedDocument[] = [];
  let documentIndex = 0;
  const add = (value: unknown): void => {
    const items = listItems(value);
    if (items) {
      items.forEach(add);
      return;
    }
    if (value !== null && value !== undefined) {
      parsed.push({ documentIndex, value });
    }
    documentIndex++;
  };
  values.forEach(add);
  if (failure !== undefined) {
    throw new ManifestError(file, failure, documentIndex);
  }
  return parsed;
}
