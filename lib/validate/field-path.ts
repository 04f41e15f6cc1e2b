/** Field paths written the way the API server writes them: `spec.ingress[0].ports[1].port`. */

/** The path of a named field under `parent` (the root when `parent` is empty). */
export function childPath(parent: string, field: string): string {
  return parent === '' ? field : `${parent}.${field}`;
}

/** The path of a list element. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
