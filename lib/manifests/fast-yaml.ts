import { FAILSAFE_SCHEMA, Type, loadAll } from 'js-yaml';
import { PLAIN_SCALAR_MAY_RESOLVE, resolvePlainScalar } from './plain-scalar';

/**
 * Text the fast reader leaves to exact-yaml.ts, found cheaply and conservatively (a match
 * inside a string only costs speed).
 */
const LEFT_TO_EXACT_READER = new RegExp(
  [
    // Node properties (&anchor, *alias, !tag) and explicit keys (? ).
    String.raw`(?:^|[\s,[\]{}:?-])[&*!?]`,
    // Merge keys.
    '<<',
    // Directives.
    '^%',
    // Collections as keys, which js-yaml and `yaml` name differently.
    String.raw`[\]}]\s*:`,
    // Null keys (~, null, empty), which js-yaml names "null" and `yaml` "".
    String.raw`(?:^|[\s,[{])(?:~|null|Null|NULL)?:(?=[\s,\]}]|$)`,
    // An empty sequence entry: js-yaml reads the entries after it, at an outer level, into its sequence.
    String.raw`(?:^|[ \t])-[ \t]*(?:#.*)?\r?$`,
  ].join('|'),
  'm',
);

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const PIPE = 0x7c;
const GREATER = 0x3e;

/** `|` or `>` with its indicators, then nothing but a comment: a block scalar header. */
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/;

/** Where a quoted scalar or flow collection may start: after space, `[`, `{`, `,` or `:`. */
function atNodeStart(text: string, index: number, lineStart: number): boolean {
  if (index === lineStart) {
    return true;
  }
  const before = text.charCodeAt(index - 1);
  return before === SPACE || before === TAB || before === OPEN_BRACKET || before === OPEN_BRACE || before === COMMA || before === COLON;
}

function lineEnd(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end < 0 ? text.length : end;
}

/**
 * Where the body of a block scalar ends: the newline before the first line after the header
 * that is neither blank nor indented deeper than the header's line.
 */
function blockScalarEnd(text: string, headerLineStart: number, headerLineEnd: number): number {
  const indentation = (lineStart: number): number => {
    let end = lineStart;
    while (text.charCodeAt(end) === SPACE) {
      end++;
    }
    return end - lineStart;
  };
  const header = indentation(headerLineStart);
  let end = headerLineEnd;
  while (end < text.length) {
    const next = end + 1;
    const nextEnd = lineEnd(text, next);
    const blank = text.slice(next, nextEnd).trim() === '';
    if (!blank && indentation(next) <= header) {
      break;
    }
    end = nextEnd;
  }
  return end;
}

/**
 * True when a quoted scalar or flow collection goes on past the end of its line. js-yaml
 * accepts continuation lines indented less than YAML allows, which `yaml` refuses, so such
 * text goes to the exact reader. Conservative: a quote or bracket it cannot place (inside a
 * plain scalar) counts as unclosed. Block scalar bodies are skipped: they are text.
 */
function hasMultiLineFlow(text: string): boolean {
  let depth = 0;
  let quote = 0;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === NEWLINE) {
      if (quote !== 0 || depth !== 0) {
        return true;
      }
      lineStart = index + 1;
    } else if (quote === DOUBLE_QUOTE) {
      if (char === BACKSLASH) {
        // An escaped line break continues the scalar on the next line.
        if (text.charCodeAt(index + 1) === NEWLINE || text.charCodeAt(index + 1) === CARRIAGE_RETURN) {
          return true;
        }
        index++;
      } else if (char === DOUBLE_QUOTE) {
        quote = 0;
      }
    } else if (quote === SINGLE_QUOTE) {
      if (char === SINGLE_QUOTE) {
        // '' is an escaped quote inside single quotes.
        if (text.charCodeAt(index + 1) === SINGLE_QUOTE) {
          index++;
        } else {
          quote = 0;
        }
      }
    } else if (char === HASH && (index === lineStart || text.charCodeAt(index - 1) === SPACE || text.charCodeAt(index - 1) === TAB)) {
      index = lineEnd(text, index) - 1;
    } else if ((char === DOUBLE_QUOTE || char === SINGLE_QUOTE) && atNodeStart(text, index, lineStart)) {
      quote = char;
    } else if ((char === OPEN_BRACKET || char === OPEN_BRACE) && (depth > 0 || atNodeStart(text, index, lineStart))) {
      depth++;
    } else if ((char === CLOSE_BRACKET || char === CLOSE_BRACE) && depth > 0) {
      depth--;
    } else if ((char === PIPE || char === GREATER) && depth === 0 && atNodeStart(text, index, lineStart)) {
      const end = lineEnd(text, index);
      if (BLOCK_SCALAR_HEADER.test(text.slice(index, end))) {
        index = blockScalarEnd(text, lineStart, end) - 1;
      }
    }
  }
  return quote !== 0 || depth !== 0;
}

/** Untagged plain scalars typed as kubectl's go-yaml v2 types them (see plain-scalar.ts). */
const GO_YAML_V2_PLAIN = new Type('tag:cdk8s-netpol,2024:go-yaml-v2-plain', {
  kind: 'scalar',
  resolve: (text: string) => PLAIN_SCALAR_MAY_RESOLVE.test(text) && typeof resolvePlainScalar(text) !== 'string',
  construct: resolvePlainScalar,
});

/** Strings, lists and mappings, plus plain scalars typed by go-yaml v2's rules; no other tags. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [GO_YAML_V2_PLAIN] });

/**
 * Reads YAML with js-yaml, an order of magnitude faster than exact-yaml.ts, giving the
 * same values for the text it accepts. Returns undefined for text it leaves to the exact
 * reader (see LEFT_TO_EXACT_READER) and for text js-yaml refuses (syntax errors, duplicate
 * keys), so that errors are always worded by the exact reader.
 */
export function readYamlFast(text: string): unknown[] | undefined {
  if (LEFT_TO_EXACT_READER.test(text) || hasMultiLineFlow(text)) {
    return undefined;
  }
  try {
    return loadAll(text, null, { schema: SCHEMA });
  } catch {
    return undefined;
  }
}
