/** Orders ids by UTF-16 code units, as Array.prototype.sort does: stable across locales. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders flows by source id, then destination id: the order of every flow listing. */
export function compareFlows(a: { readonly from: string; readonly to: string }, b: { readonly from: string; readonly to: string }): number {
  return compareIds(a.from, b.from) || compareIds(a.to, b.to);
}
