/**
 * Items grouped by key, groups in the order their first item comes and items in input
 * order: Map.groupBy, which Node 20 lacks. Linear, where re-spreading a group per item is not.
 */
export function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) {
      group.push(item);
    } else {
      groups.set(key, [item]);
    }
  }
  return groups;
}
