import type { Peer } from '../analysis';
import { parseEndpointId, parseIp } from '../model';
import { closestNames } from '../validate';

/** How many known names an error lists when none is close to what was asked for. */
const LISTED_NAMES = 10;

/** Text that names no endpoint, namespace or address of the inputs. */
export class EndpointReferenceError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ENDPOINT' | 'UNKNOWN_NAMESPACE' | 'NOT_AN_ENDPOINT',
    message: string,
  ) {
    super(message);
    this.name = 'EndpointReferenceError';
  }
}

/** Where a reference comes from, for its error: the field (`--from`, `to`) and the inputs it must name. */
export interface ReferenceContext {
  /** e.g. `--from`; starts the error message. */
  readonly field: string;
  /**
   * What holds the endpoints, as the error says it.
   * @default 'the inputs'
   */
  readonly inputs?: string;
}

function unknownName(context: ReferenceContext, what: 'endpoint' | 'namespace', value: string, known: readonly string[]): EndpointReferenceError {
  const suggestions = closestNames(value, known);
  const hint =
    suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : `; known ${what}s: ${known.slice(0, LISTED_NAMES).join(', ') || '(none)'}`;
  const code = what === 'endpoint' ? 'UNKNOWN_ENDPOINT' : 'UNKNOWN_NAMESPACE';
  return new EndpointReferenceError(code, `${context.field}: no ${what} ${JSON.stringify(value)} in ${context.inputs ?? 'the inputs'}${hint}`);
}

/**
 * A reference to endpoints as a predicate on endpoint ids: `namespace/name` for one endpoint,
 * `namespace` for all of a namespace. Unknown names throw EndpointReferenceError with close
 * known names suggested.
 */
export function endpointSelector(context: ReferenceContext, value: string, ids: readonly string[]): (id: string) => boolean {
  if (value.includes('/')) {
    if (!ids.includes(value)) {
      throw unknownName(context, 'endpoint', value, ids);
    }
    return (id) => id === value;
  }
  const namespaces = [...new Set(ids.map((id) => parseEndpointId(id).namespace))].sort();
  if (!namespaces.includes(value)) {
    throw unknownName(context, 'namespace', value, namespaces);
  }
  return (id) => id.startsWith(`${value}/`);
}

/** One end of a flow from text: an endpoint `namespace/name` of `ids`, or an IP address outside the cluster. */
export function parseFlowEnd(context: ReferenceContext, value: string, ids: readonly string[]): Peer {
  if (parseIp(value)) {
    return { kind: 'external', ip: value };
  }
  if (!value.includes('/')) {
    throw new EndpointReferenceError('NOT_AN_ENDPOINT', `${context.field}: ${JSON.stringify(value)} is neither an endpoint (namespace/name) nor an IP address`);
  }
  endpointSelector(context, value, ids);
  return { kind: 'endpoint', id: value };
}
