import { compareText } from '../model';

/** Orders flows by source id, then destination id: the order of every flow listing. */
export function compareFlows(a: { readonly from: string; readonly to: string }, b: { readonly from: string; readonly to: string }): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to);
}
