import { FAILSAFE_SCHEMA, Type, loadAll } from 'js-yaml';
import { findFlowContinuations } from './flow-continuations';
import { PLAIN_SCALAR_MAY_RESOLVE, resolvePlainScalar } from './plain-scalar';

/**
 * Text the fast reader leaves to exact-yaml.ts, found cheaply and conservatively (a match
 * inside a string only costs speed).
 */
const LEFT_TO_EXACT_READER = new RegExp(
  [
    // Node properties (&anchor, *alias, !tag) and explicit keys (? ).
    String.raw`(?:^|[\s,[\]{}:?-])[&*!?]`,
    // Merge keys.
    '<<',
    // Directives.
    '^%',
    // Collections as keys, which js-yaml and `yaml` name differently.
    String.raw`[\]}]\s*:`,
    // Null keys (~, null, empty), which js-yaml names "null" and `yaml` "".
    String.raw`(?:^|[\s,[{])(?:~|null|Null|NULL)?:(?=[\s,\]}]|$)`,
    // An empty sequence entry: js-yaml reads the entries after it, at an outer level, into its sequence.
    String.raw`(?:^|[ \t])-[ \t]*(?:#.*)?\r?$`,
  ].join('|'),
  'm',
);

/**
 * True when a quoted scalar or flow collection goes on past the end of its line. js-yaml
 * reads such text as go-yaml does, but the exact reader words errors there and is the
 * reference, so such text goes to it (see exact-yaml.ts, which re-indents those lines).
 */
function hasMultiLineFlow(text: string): boolean {
  const flow = findFlowContinuations(text);
  return flow.unclosed || flow.lines.length > 0;
}

/** Untagged plain scalars typed as kubectl's go-yaml v2 types them (see plain-scalar.ts). */
const GO_YAML_V2_PLAIN = new Type('tag:cdk8s-netpol,2024:go-yaml-v2-plain', {
  kind: 'scalar',
  resolve: (text: string) => PLAIN_SCALAR_MAY_RESOLVE.test(text) && typeof resolvePlainScalar(text) !== 'string',
  construct: resolvePlainScalar,
});

/** Strings, lists and mappings, plus plain scalars typed by go-yaml v2's rules; no other tags. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [GO_YAML_V2_PLAIN] });

/**
 * Reads YAML with js-yaml, an order of magnitude faster than exact-yaml.ts, giving the
 * same values for the text it accepts. Returns undefined for text it leaves to the exact
 * reader (see LEFT_TO_EXACT_READER) and for text js-yaml refuses (syntax errors, duplicate
 * keys), so that errors are always worded by the exact reader.
 */
export function readYamlFast(text: string): unknown[] | undefined {
  if (LEFT_TO_EXACT_READER.test(text) || hasMultiLineFlow(text)) {
    return undefined;
  }
  try {
    return loadAll(text, null, { schema: SCHEMA });
  } catch {
    return undefined;
  }
}
