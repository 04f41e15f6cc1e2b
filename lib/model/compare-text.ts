/**
 * Orders strings by UTF-16 code units, as Array.prototype.sort does without a comparator:
 * the same on every machine and locale, unlike localeCompare. For multi-key sorts.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
