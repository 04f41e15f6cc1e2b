import { DocumentOptions, ParseOptions, SchemaOptions, parseAllDocuments } from 'yaml';
import { MAX_ALIAS_COUNT } from './limits';
import { ManifestError, isMapping } from './manifest-error';

/** One document of a manifest file, as plain data. */
export interface ParsedDocument {
  /** Zero-based; empty documents take an index, List items take one each in place of the List. */
  readonly documentIndex: number;
  readonly value: unknown;
}

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/**
 * kubectl reads YAML 1.1 (go-yaml v2): `yes`, `on` and `y` are booleans and `0755` is octal,
 * so a label written `enabled: yes` is not the string "yes" and the API server rejects it.
 * Timestamps stay strings, as they do for fields Kubernetes types as strings.
 */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: true,
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP_TAG),
};

/** `List` and typed lists (`PodList`, `NetworkPolicyList`) hold their objects in `items`. */
function listItems(value: unknown): unknown[] | undefined {
  if (isMapping(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

/**
 * Parses multi-document YAML (or JSON) into plain values. Lists are flattened into their
 * items. Empty documents are skipped. Syntax errors, duplicate keys and alias expansion
 * beyond MAX_ALIAS_COUNT are errors naming the file, document and line.
 */
export function parseDocuments(text: string, file: string): ParsedDocument[] {
  const documents = parseAllDocuments(text, PARSE_OPTIONS);
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
  for (const document of documents) {
    const [error] = document.errors;
    if (error) {
      throw new ManifestError(file, `not valid YAML: ${firstLine(error.message)}`, documentIndex);
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      // toJS throws for aliases: too many (a "billion laughs" bomb) or unresolved ones.
      const message = firstLine(cause instanceof Error ? cause.message : String(cause));
      const detail = /excessive alias count/i.test(message)
        ? `refused: aliases expand beyond ${MAX_ALIAS_COUNT} nodes, as in a "billion laughs" YAML bomb`
        : `not valid YAML: ${message}`;
      throw new ManifestError(file, detail, documentIndex);
    }
    add(value);
  }
  return parsed;
}
