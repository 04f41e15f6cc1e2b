import { readJsonStream } from './json-stream';
import { readYaml } from './read-yaml';
import { childPath, indexPath, isAbsent, isObject } from '../validate';
import { InputBudget } from './input-budget';
import { ManifestError, describeValue } from './manifest-error';
import { refusedText } from './refused-text';

/** One document of a manifest file, as plain data. */
export interface ParsedDocument {
  /** Zero-based; empty documents take an index, List items take one each in place of the List. */
  readonly documentIndex: number;
  readonly value: unknown;
}

/**
 * The objects of a list document, kubectl's way (apimachinery's unstructuredJSONScheme:
 * `decode` and `decodeToList` in pkg/apis/meta/v1/unstructured/helpers.go): any mapping with
 * an `items` key is a list, `v1 List` and typed lists (`PodList`, `NetworkPolicyList`) alike,
 * and `items: null` is an empty one. An item with neither `kind` nor `apiVersion` takes the
 * list's apiVersion and the list's kind without its `List` suffix (what the API server omits
 * from the items of a typed list); an item with either of its own is left as it is. A null
 * item is an empty object and gets them too; any other item that is not a mapping fails the
 * whole list, as decodeToUnstructured fails on it. Returns undefined for a document that is
 * not a list, including one with `items` but no kind (not a Kubernetes document at all).
 */
function listItems(value: unknown, file: string, documentIndex: number, path: string): unknown[] | undefined {
  if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, 'items')) {
    return undefined;
  }
  const { apiVersion, kind, items } = value;
  if (typeof kind !== 'string' || kind === '') {
    // No kind: not a Kubernetes list but some other document (a JSON report), skipped as such.
    return undefined;
  }
  if (isAbsent(items)) {
    return [];
  }
  if (!Array.isArray(items)) {
    throw new ManifestError(file, `must be a list of Kubernetes objects, got ${describeValue(items)}`, documentIndex, childPath(path, 'items'));
  }
  const itemKind = (kind as string).replace(/List$/, '');
  const named = (field: unknown): boolean => typeof field === 'string' && field !== '';
  return (items as unknown[]).map((item, index) => {
    const object = isAbsent(item) ? {} : item;
    if (!isObject(object)) {
      const itemPath = indexPath(childPath(path, 'items'), index);
      throw new ManifestError(file, `must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${describeValue(item)}`, documentIndex, itemPath);
    }
    if (named(object.kind) || named(object.apiVersion)) {
      return object;
    }
    return { ...object, apiVersion, kind: itemKind };
  });
}

/**
 * Parses multi-document YAML (or JSON) into plain values, as kubectl reads YAML (go-yaml v2:
 * `yes`, `on` and `y` are booleans and `0755` is octal, so a label written `enabled: yes`
 * is not the string "yes" and the API server rejects it; timestamps stay strings).
 * Lists are flattened into their items (see listItems). Empty documents are skipped. Syntax errors,
 * duplicate keys and alias expansion beyond MAX_ALIAS_COUNT are errors naming the file,
 * document and line, and so is text kubectl refuses before reading YAML (refused-text.ts:
 * control characters, JSON with comments). JSON objects one after another without `---` are
 * read as kubectl reads them (json-stream.ts). Text the fast reader declines or refuses is
 * read by the exact one. Documents, List items and expanded nodes count against `budget` (see
 * InputBudget).
 */
export function parseDocuments(text: string, file: string, budget: InputBudget = new InputBudget()): ParsedDocument[] {
  budget.checkText(text, file);
  const refused = refusedText(text);
  if (refused !== undefined) {
    throw new ManifestError(file, refused);
  }
  const { values, failure } = readJsonStream(text) ?? readYaml(text);
  const parsed: ParsedDocument[] = [];
  let documentIndex = 0;
  // Lists nest (a List of PodLists): kubectl's FlattenListVisitor flattens them all.
  const add = (value: unknown, path: string): void => {
    const items = listItems(value, file, documentIndex, path);
    if (items) {
      items.forEach((item, index) => add(item, indexPath(childPath(path, 'items'), index)));
      return;
    }
    budget.countDocument(file);
    if (value !== null && value !== undefined) {
      parsed.push({ documentIndex, value });
    }
    documentIndex++;
  };
  values.forEach((value) => {
    budget.countNodes(value, file, documentIndex);
    add(value, '');
  });
  if (failure !== undefined) {
    throw new ManifestError(file, failure, documentIndex);
  }
  return parsed;
}
