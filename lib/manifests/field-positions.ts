import type { Document, LineCounter, Node as YamlNode } from 'yaml';

/** Where a field is written: 1-based line and column, as editors and SARIF count them. */
export interface FieldPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/** The `yaml` package, loaded on first use (see exact-yaml.ts). */
function yamlPackage(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

/** `spec.ingress[0].ports[1].port` as its steps: field names and list indexes. */
function pathSteps(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    steps.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  }
  return steps;
}

/**
 * The position of the deepest part of `path` that the document writes: the key of a field, or
 * the start of a list item; the node itself for the root path (`''`, or `<nil>` as CRD
 * rules write it). A step the document does not have (a defaulted field) stops the walk, so a
 * finding about a missing field points at its parent.
 */
export function positionInDocument(document: Document, node: YamlNode | null, path: string, lines: LineCounter): FieldPosition | undefined {
  const yaml = yamlPackage();
  const at = (offset: number | undefined): FieldPosition | undefined => {
    if (offset === undefined) {
      return undefined;
    }
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  let current: unknown = node;
  let position = at((node as { range?: [number, number, number] } | null)?.range?.[0]);
  const steps = path === '<nil>' ? [] : pathSteps(path);
  for (const step of steps) {
    if (yaml.isAlias(current)) {
      current = current.resolve(document);
    }
    if (typeof step === 'string' && yaml.isMap(current)) {
      const pair = current.items.find((item) => yaml.isScalar(item.key) && String(item.key.value) === step);
      if (!pair) {
        break;
      }
      position = at(yaml.isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? position;
      current = pair.value;
    } else if (typeof step === 'number' && yaml.isSeq(current) && step < current.items.length) {
      const item = current.items[step];
      position = at(yaml.isNode(item) ? item.range?.[0] : undefined) ?? position;
      current = item;
    } else {
      break;
    }
  }
  return position;
}

/**
 * Finds fields of the objects of one manifest text by document index (as parseDocuments counts
 * them: every document one, a list's items one each in its place) and field path. Text that
 * the `yaml` package cannot read has no positions.
 */
export class FieldPositions {
  private readonly lines: LineCounter;
  private readonly objects: { document: Document; node: YamlNode | null }[] = [];

  constructor(text: string) {
    const yaml = yamlPackage();
    this.lines = new yaml.LineCounter();
    const documents = yaml.parseAllDocuments(text, { version: '1.1', lineCounter: this.lines });
    if (!Array.isArray(documents)) {
      return;
    }
    for (const document of documents) {
      if (document.errors.length > 0) {
        return;
      }
      this.add(document, document.contents);
    }
  }

  /** The position of `path` in the object at `documentIndex`; undefined when there is no such object. */
  find(documentIndex: number, path: string): FieldPosition | undefined {
    const object = this.objects[documentIndex];
    return object ? positionInDocument(object.document, object.node, path, this.lines) : undefined;
  }

  private add(document: Document, node: YamlNode | null): void {
    const yaml = yamlPackage();
    const resolved = yaml.isAlias(node) ? (node.resolve(document) ?? null) : node;
    const items = yaml.isMap(resolved) ? resolved.items.find((pair) => yaml.isScalar(pair.key) && pair.key.value === 'items') : undefined;
    if (items) {
      // Lists nest, and are flattened, as parseDocuments flattens them.
      if (yaml.isSeq(items.value)) {
        items.value.items.forEach((item) => this.add(document, yaml.isNode(item) ? item : null));
      }
      return;
    }
    this.objects.push({ document, node: resolved });
  }
}
