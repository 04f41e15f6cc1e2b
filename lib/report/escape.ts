/**
 * Escaping for the media reports are written in, in one place: text for terminals, Markdown,
 * JSON. Whatever a name, label, file name or message read from the input holds, the reader
 * sees that text and nothing else: no terminal control sequence, no Markdown link, heading or
 * code span the input opened, no line the input forged. (HTML, Mermaid and DOT quote their
 * own syntax in lib/report/graph, TypeScript in typescript-literal.ts, XML in junit.ts; all
 * of them first write control characters as text with textLine.)
 */

/**
 * Characters that act on a terminal or show as other than themselves: C0 controls, DEL, C1
 * controls (U+009B is a CSI on some terminals), bidirectional marks, embeddings, overrides
 * and isolates ("Trojan Source"), and the Unicode line and paragraph separators.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** The same, less line feed and tab: the layout characters of a multi-line text. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\r`, `\x1b`, `\u202e`: how a control character is shown. */
function shown(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A value shown on one line: every control character, line breaks and tabs included, written as an escape (`\x1b`, `\n`). */
export function textLine(text: string): string {
  return text.replace(CONTROL, shown);
}

/** A multi-line text for a terminal: control characters written as escapes, line feeds and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(CONTROL_IN_TEXT, shown);
}

/** Characters that open Markdown syntax inline (CommonMark ASCII punctuation with a meaning), escaped with a backslash. */
const MARKDOWN_INLINE = /[\\`*_[\]<>#~!&]/g;

/**
 * Text in a Markdown paragraph, heading, list item or table cell, shown as written: control
 * characters and line breaks as escapes (a line break could start a heading or end the
 * table row), and every character that opens emphasis, a code span, a link, an image, HTML
 * or an entity backslash-escaped. Pipes are the table's to escape (renderMarkdownTable).
 */
export function markdownText(text: string): string {
  return textLine(text).replace(MARKDOWN_INLINE, (char) => `\\${char}`);
}

/** The length of the longest run of backticks in the text; 0 when it has none. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * A Markdown code span that shows the text as written, whatever backticks it holds: its
 * fence is one backtick longer than the longest run inside (CommonMark 6.1), padded with a
 * space where the text starts or ends with a backtick or a space (one of which CommonMark strips).
 */
export function markdownCode(text: string): string {
  const content = textLine(text);
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const padded = /^[` ]|[` ]$/.test(content) || content === '' ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

/**
 * A fenced Markdown code block of the text: its fence is longer than any backtick run in
 * the text, so no line of it can close the block; control characters are escapes.
 */
export function markdownCodeBlock(language: string, text: string): string {
  const content = terminalText(text);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/** Characters JSON.stringify leaves raw that a terminal acts on: all of CONTROL beyond C0, which it escapes. */
const JSON_RAW_CONTROL = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify) with the control characters JSON.stringify leaves raw
 * written as `\u` escapes: the same JSON value, safe to print. Such characters occur only
 * inside strings, where `\u` escapes mean them.
 */
export function terminalJson(json: string): string {
  return json.replace(JSON_RAW_CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
