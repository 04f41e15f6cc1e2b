/**
 * Markdown reports are read in pull-request comments, whose body GitHub caps at 65,536
 * characters (a longer body is refused, not cut). Reports list their rows while they fit and
 * end each list with how many more there are.
 */

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const PR_COMMENT_LIMIT = 65_536;

/** What one Markdown report takes by default: the comment limit less room for a pipeline's own header and other sections. */
export const MARKDOWN_REPORT_BUDGET = 60_000;

/** The leading `lines` that fit in `budget` characters (each counted with its line break), and how many are left out. */
export function fitLines(lines: readonly string[], budget: number): { readonly kept: string[]; readonly left: number } {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) {
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return { kept, left: lines.length - kept.length };
}

/** `_… and 12 more added flows (the JSON report lists them all)._` */
export function moreLine(left: number, what: string): string {
  return `_… and ${left.toLocaleString('en-US')} more ${what} (the JSON report lists them all)._`;
}
