/**
 * Limits that keep hostile or mistaken input from exhausting memory. Inputs beyond them are
 * refused with an error, never truncated.
 */

/** The largest manifest file or standard input read: 64 MiB. Checked before reading a file. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * How many alias nodes (`*name`) one YAML document may resolve. Billion-laughs documents
 * nest aliases to expand exponentially; real manifests use few or none.
 */
export const MAX_ALIAS_COUNT = 1000;
