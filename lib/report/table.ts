import { textLine } from './escape';

/** The tables every report draws: aligned text columns and GitHub-flavoured Markdown. */

/**
 * Left-aligned columns separated by two spaces, trailing spaces trimmed; cells are values,
 * each shown on its line (textLine).
 */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const shownHeader = header.map(textLine);
  const shownRows = rows.map((row) => row.map(textLine));
  // A loop, not Math.max(...rows): an estate's listing has more rows than a call has arguments.
  const widths = shownHeader.map((cell) => cell.length);
  for (const row of shownRows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column], cell.length);
    });
  }
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(shownHeader), ...shownRows.map(line)].join('\n') + '\n';
}

/** Escapes what would break a Markdown table cell: pipes, and line breaks of any kind. */
function cell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|').replace(/\r\n?|\n/g, ' ');
}

/**
 * A GitHub-flavoured Markdown table. Cells are Markdown: values go in through markdownText
 * or markdownCode (escape.ts); the table escapes pipes, inside code spans too, as GFM reads them.
 */
export function renderMarkdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
