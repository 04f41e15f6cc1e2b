import type { DocumentOptions, ParseOptions, ScalarTag, SchemaOptions } from 'yaml';
import { findFlowContinuations } from './flow-continuations';
import { MAX_ALIAS_COUNT } from './limits';
import { PLAIN_SCALAR_MAY_RESOLVE, resolvePlainScalar } from './plain-scalar';
import { GO_YAML_V2_SCALAR_TAGS, TaggedScalarError, resolveTaggedScalar } from './tagged-scalar';

/** The documents of one YAML text, up to the first that cannot be read. */
export interface YamlDocuments {
  /** Each document's value, in order; null for an empty document. */
  readonly values: unknown[];
  /** Why the document after the last value cannot be read; absent when all were read. */
  readonly failure?: string;
}

/** Untagged plain scalars typed as kubectl's go-yaml v2 types them (see plain-scalar.ts). */
const GO_YAML_V2_PLAIN: ScalarTag = {
  tag: 'tag:cdk8s-netpol,2024:go-yaml-v2-plain',
  default: true,
  test: PLAIN_SCALAR_MAY_RESOLVE,
  resolve: resolvePlainScalar,
};

/** Explicitly tagged scalars read as go-yaml v2 reads them (see tagged-scalar.ts). */
const GO_YAML_V2_TAGGED: ScalarTag[] = GO_YAML_V2_SCALAR_TAGS.map((name) => ({
  tag: `tag:yaml.org,2002:${name}`,
  default: false,
  resolve: (text: string, onError: (message: string) => void) => {
    try {
      return resolveTaggedScalar(name, text);
    } catch (error) {
      if (!(error instanceof TaggedScalarError)) {
        throw error;
      }
      onError(error.message);
      return text;
    }
  },
}));

/** YAML 1.1 collection tags go-yaml does not resolve: such collections stay mappings and sequences. */
const UNRESOLVED_COLLECTION_TAGS = ['set', 'omap', 'pairs'].map((name) => `tag:yaml.org,2002:${name}`);

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * YAML 1.1 structure (merge keys, explicit tags) with scalars typed by go-yaml v2's rules in
 * place of the 1.1 schema's: plain ones by plain-scalar.ts (no sexagesimal numbers,
 * timestamps as strings), tagged ones by tagged-scalar.ts. Other tags, `!!set`, `!!omap`
 * and `!!pairs` among them, are not resolved (a warning, not read): the text stays a string
 * and a collection stays a mapping or sequence, as go-yaml reads them.
 */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: true,
  resolveKnownTags: false,
  customTags: (tags) => [
    GO_YAML_V2_PLAIN,
    ...GO_YAML_V2_TAGGED,
    // The package's scalar tags stay, no longer default, only to write collection keys with.
    ...tags.flatMap((tag) => {
      if (typeof tag === 'string' || UNRESOLVED_COLLECTION_TAGS.includes(tag.tag)) {
        return [];
      }
      return [tag.collection !== undefined || tag.tag === MERGE_TAG ? tag : { ...tag, default: false }];
    }),
  ],
};

/**
 * The `yaml` package, loaded on first use: most input never needs it, and loading it takes
 * longer than starting the CLI otherwise does.
 */
function yamlPackage(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

/** A document marker at the start of a line, which ends a document even inside a flow. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r]|$)/;

/**
 * The text with every line that continues a quoted scalar or flow collection indented by
 * spaces, deeper than the bracket or quote that opened it (lines already so indented, and
 * blank ones, are left alone). go-yaml v2 does not check indentation inside
 * flow context and takes tabs there as white space (yaml_parser_scan_to_next_token and
 * yaml_parser_unroll_indent in scannerc.go), so kubectl reads `args: [` followed by a line
 * starting with a tab; YAML itself, and the `yaml` package, require such lines to be
 * indented by spaces. Leading white space of these lines is only separation or folded away,
 * so the values are unchanged; line numbers are kept.
 */
function indentFlowContinuations(text: string): string {
  const { lines } = findFlowContinuations(text);
  if (lines.length === 0) {
    return text;
  }
  const parts: string[] = [];
  let copied = 0;
  for (const { lineStart, openerColumn } of lines) {
    let contentStart = lineStart;
    while (text[contentStart] === ' ' || text[contentStart] === '\t') {
      contentStart++;
    }
    const indentation = text.slice(lineStart, contentStart);
    const sufficient = !indentation.includes('\t') && indentation.length > openerColumn;
    const blank = contentStart >= text.length || text[contentStart] === '\n' || text[contentStart] === '\r';
    if (sufficient || blank || DOCUMENT_MARKER.test(text.slice(contentStart, contentStart + 4))) {
      continue;
    }
    parts.push(text.slice(copied, lineStart), ' '.repeat(openerColumn + 1));
    copied = contentStart;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Reads YAML with the `yaml` package: every error with its line and column, and aliases
 * expanded only up to MAX_ALIAS_COUNT nodes, flow continuation lines read as go-yaml v2 reads
 * them (see indentFlowContinuations). The reference reading; slower than fast-yaml.ts.
 */
export function readYamlExact(text: string): YamlDocuments {
  const values: unknown[] = [];
  for (const document of yamlPackage().parseAllDocuments(indentFlowContinuations(text), PARSE_OPTIONS)) {
    const [error] = document.errors;
    if (error) {
      return { values, failure: `not valid YAML: ${firstLine(error.message)}` };
    }
    try {
      values.push(document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (cause) {
      // toJS throws for aliases: too many (a "billion laughs" bomb) or unresolved ones.
      const message = firstLine(cause instanceof Error ? cause.message : String(cause));
      const failure = /excessive alias count/i.test(message)
        ? `refused: aliases expand beyond ${MAX_ALIAS_COUNT} nodes, as in a "billion laughs" YAML bomb`
        : `not valid YAML: ${message}`;
      return { values, failure };
    }
  }
  return { values };
}
