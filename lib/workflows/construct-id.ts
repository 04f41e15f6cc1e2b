/** A readable construct id (and policy name prefix) from words: lowercase, `-` between, DNS-1123 characters only. */
export function constructId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
