/**
 * Text kubectl refuses before it reads a document: characters go-yaml's reader does not allow
 * (yaml_parser_update_buffer in readerc.go: only tab, line feed, carriage return, printable
 * ASCII, U+0085, U+00A0-U+D7FF, U+E000-U+FFFD and beyond U+FFFF), and JSON with comments.
 * A stream whose first non-space character is `{` is read as JSON first (apimachinery's
 * YAMLOrJSONDecoder), where only C0 controls are refused inside strings; comments are no
 * JSON, and the YAML reading kubectl falls back to makes a commented key of them.
 */

/** C0 controls other than tab, line feed and carriage return: refused in JSON and YAML alike. */
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** What go-yaml refuses beyond C0: DEL, C1 controls other than U+0085, U+FFFE and U+FFFF. */
const YAML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

/** The first non-space character is `{`: kubectl's GuessJSONStream. */
const JSON_STREAM = /^\s*\{/;

/** A `//` or `/*` after white space or a bracket, as a comment in JSON would be: not a URL inside a string (`"http://x"`). */
const COMMENT_HINT = /(?:^|[\s,{}[\]])\/[/*]/;

/** `line N, column M` (both from 1) of an offset in the text. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text with JSON comments (`//` to the end of the line, `/* ... *\/`) blanked out and
 * the offset of the first, or undefined when there is none outside strings.
 */
function withoutJsonComments(text: string): { readonly text: string; readonly first: number } | undefined {
  let first: number | undefined;
  let result = '';
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      // Skip the string, escapes included.
      index++;
      while (index < text.length && text[index] !== '"') {
        index += text[index] === '\\' ? 2 : 1;
      }
      index++;
      continue;
    }
    if (char === '/' && (text[index + 1] === '/' || text[index + 1] === '*')) {
      const end = text[index + 1] === '/' ? text.indexOf('\n', index) : text.indexOf('*/', index + 2) + 2;
      const stop = end <= 1 || end === -1 ? text.length : end;
      first ??= index;
      // Blank out the comment, keeping its line breaks so positions stay.
      result += text.slice(copied, index) + text.slice(index, stop).replace(/[^\n]/g, ' ');
      copied = stop;
      index = stop;
      continue;
    }
    index++;
  }
  return first === undefined ? undefined : { text: result + text.slice(copied), first };
}

/** Why kubectl refuses the text before reading any document, or undefined when it reads it. */
export function refusedText(text: string): string | undefined {
  const json = JSON_STREAM.test(text);
  const control = (json ? C0_CONTROL : YAML_CONTROL).exec(text);
  if (control) {
    const where = `${codePoint(control[0])} at ${position(text, control.index)}`;
    return `not valid ${json ? 'JSON' : 'YAML'}: control characters are not allowed (${where}); write them as escapes in a double-quoted string`;
  }
  if (!json || !COMMENT_HINT.test(text)) {
    return undefined;
  }
  const stripped = withoutJsonComments(text);
  if (!stripped) {
    return undefined;
  }
  try {
    JSON.parse(stripped.text);
  } catch {
    // Not JSON even without the comments: left to the YAML reader, as kubectl does.
    return undefined;
  }
  return `not JSON: comments are not allowed (${position(text, stripped.first)}); remove them`;
}
