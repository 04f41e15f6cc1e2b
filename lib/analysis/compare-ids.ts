/** Orders ids by UTF-16 code units, as Array.prototype.sort does: stable across locales. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
