/** The tables every report draws: aligned text columns and GitHub-flavoured Markdown. */

/** Left-aligned columns separated by two spaces, trailing spaces trimmed. */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...rows): an estate's listing has more rows than a call has arguments.
  const widths = header.map((cell) => cell.length);
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column], cell.length);
    });
  }
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Escapes what would break a Markdown table cell: pipes and line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table. */
export function renderMarkdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
