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

/** A line that continues a quoted scalar or a flow collection opened on an earlier line. */
export interface FlowContinuation {
  /** Index of the line's first character. */
  readonly lineStart: number;
  /** Column of the outermost `[`, `{` or quote still open at the line's start. */
  readonly openerColumn: number;
}

/** Where quoted scalars and flow collections span lines, found by a conservative scan. */
export interface FlowContinuations {
  readonly lines: readonly FlowContinuation[];
  /** True when a quote or bracket is still open at the end of the text. */
  readonly unclosed: boolean;
}

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
  // The body's indentation is its first non-blank line's (a header inside `- - k: |` sits on
  // a line indented less than the keys that follow the body): lines indented less end it.
  const header = indentation(headerLineStart);
  let body: number | undefined;
  let end = headerLineEnd;
  while (end < text.length) {
    const next = end + 1;
    const nextEnd = lineEnd(text, next);
    const blank = text.slice(next, nextEnd).trim() === '';
    if (!blank) {
      const indent = indentation(next);
      if (indent <= header || (body !== undefined && indent < body)) {
        break;
      }
      body ??= indent;
    }
    end = nextEnd;
  }
  return end;
}

/**
 * The lines that continue a quoted scalar or flow collection begun on an earlier line.
 * Conservative: a quote or bracket it cannot place (inside a plain scalar) counts as open.
 * Block scalar bodies are skipped: they are text.
 */
export function findFlowContinuations(text: string): FlowContinuations {
  const lines: FlowContinuation[] = [];
  let depth = 0;
  let quote = 0;
  let lineStart = 0;
  let openerColumn = 0;
  const opening = (index: number): void => {
    if (depth === 0 && quote === 0) {
      openerColumn = index - lineStart;
    }
  };
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === NEWLINE) {
      lineStart = index + 1;
      if (quote !== 0 || depth !== 0) {
        lines.push({ lineStart, openerColumn });
      }
    } else if (quote === DOUBLE_QUOTE) {
      if (char === BACKSLASH) {
        // An escaped line break continues the scalar on the next line: leave it to the newline case.
        const next = text.charCodeAt(index + 1);
        if (next !== NEWLINE && next !== CARRIAGE_RETURN) {
          index++;
        }
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
      opening(index);
      quote = char;
    } else if ((char === OPEN_BRACKET || char === OPEN_BRACE) && (depth > 0 || atNodeStart(text, index, lineStart))) {
      opening(index);
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
  return { lines, unclosed: quote !== 0 || depth !== 0 };
}
