/**
 * Limits that keep hostile or mistaken input from exhausting memory and time. Inputs beyond
 * them are refused with an InputLimitError naming the limit, never truncated.
 */

/** The largest manifest file or standard input read: 64 MiB, counted while reading. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * How many YAML nodes (scalars, mappings, sequences) all inputs of one run may expand to,
 * an alias counting the nodes of its anchor again at every use: a file of a thousand aliases
 * to one large list is small on disk and huge once read. The largest estate of the benchmarks
 * (5,000 workloads, 2,500 policies in 500 files) is about 420,000 nodes.
 */
export const MAX_YAML_NODES = 5_000_000;

/**
 * How many documents all inputs of one run may hold: each `---` starts one (empty ones
 * included), and each item of a List counts as one.
 */
export const MAX_DOCUMENTS = 100_000;

/**
 * How many alias nodes (`*name`) one YAML document may resolve. Billion-laughs documents
 * nest aliases to expand exponentially; real manifests use few or none.
 */
export const MAX_ALIAS_COUNT = 1000;
