import { MAX_DOCUMENTS, MAX_YAML_NODES } from './limits';
import { InputLimitError } from './manifest-error';

/** The limits on how much one run reads, beyond the size of each file (see limits.ts). */
export interface InputBudgetOptions {
  /**
   * The YAML nodes all inputs may expand to, an alias counting its anchor's nodes at each use.
   * @default MAX_YAML_NODES
   */
  readonly maxYamlNodes?: number;
  /**
   * The documents all inputs may hold, empty ones and List items included.
   * @default MAX_DOCUMENTS
   */
  readonly maxDocuments?: number;
}

/** A document marker: a line starting with `---` and then white space or its end. */
const DOCUMENT_MARKER = /^---(?:[ \t\r]|$)/gm;

/**
 * What the inputs of one run have used of their limits, counted document by document, so
 * that work stays bounded across files: one InputBudget per run, shared by its files.
 */
export class InputBudget {
  private readonly maxYamlNodes: number;
  private readonly maxDocuments: number;
  private nodes = 0;
  private documents = 0;

  constructor(options: InputBudgetOptions = {}) {
    this.maxYamlNodes = options.maxYamlNodes ?? MAX_YAML_NODES;
    this.maxDocuments = options.maxDocuments ?? MAX_DOCUMENTS;
  }

  /**
   * Refuses a text with more document markers than documents are left, before it is parsed
   * (parsing a million tiny documents takes seconds and most of a gigabyte). Each marker
   * starts a document, so a text within the limit is never refused here.
   */
  checkText(text: string, file: string): void {
    let markers = 0;
    DOCUMENT_MARKER.lastIndex = 0;
    while (DOCUMENT_MARKER.exec(text) !== null) {
      if (this.documents + ++markers > this.maxDocuments) {
        throw this.tooManyDocuments(file);
      }
    }
  }

  /** Counts one document (or List item) of a file. */
  countDocument(file: string): void {
    if (++this.documents > this.maxDocuments) {
      throw this.tooManyDocuments(file);
    }
  }

  /**
   * Counts the nodes of one document's value as YAML expands it: an object met again (an
   * alias) is counted again, as whatever reads the value walks it again. A mapping entry is
   * two nodes, its key and its value. Stops as soon as the limit is passed, so the work is
   * bounded by the limit, cyclic values (an alias inside its own anchor) included.
   */
  countNodes(value: unknown, file: string, documentIndex: number): void {
    let nodes = this.nodes + 1;
    // Only collections wait on the stack, each counted before it is put there: the stack never outgrows the limit.
    const pending: object[] = [];
    const collect = (item: unknown): void => {
      if (typeof item === 'object' && item !== null) {
        pending.push(item);
      }
    };
    collect(value);
    while (nodes <= this.maxYamlNodes && pending.length > 0) {
      const node = pending.pop()!;
      if (Array.isArray(node)) {
        nodes += node.length;
        if (nodes > this.maxYamlNodes) {
          break;
        }
        node.forEach(collect);
      } else {
        for (const key in node) {
          nodes += 2;
          collect((node as Record<string, unknown>)[key]);
        }
      }
    }
    this.nodes = nodes;
    if (nodes > this.maxYamlNodes) {
      throw new InputLimitError(
        file,
        `refused: the inputs expand to more than ${this.maxYamlNodes} YAML nodes (an alias counts the nodes of its anchor at every use)`,
        'maxYamlNodes',
        documentIndex,
      );
    }
  }

  private tooManyDocuments(file: string): InputLimitError {
    return new InputLimitError(file, `refused: the inputs hold more than ${this.maxDocuments} documents (List items included)`, 'maxDocuments');
  }
}
