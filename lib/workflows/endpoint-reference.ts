import { Peer, externalPeerOf } from '../analysis';
import { ClusterModel, Labels, endpointId, parseEndpointId, parseIp } from '../model';
import { closestNames, labelValueErrors, qualifiedNameErrors } from '../validate';

/** How many known names an error lists when none is close to what was asked for. */
const LISTED_NAMES = 10;

/** Text that names no endpoint, namespace or address of the inputs. */
export class EndpointReferenceError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ENDPOINT' | 'UNKNOWN_NAMESPACE' | 'NOT_AN_ENDPOINT' | 'INVALID_SELECTOR' | 'NOTHING_SELECTED',
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

/**
 * `key=value[,key=value...]` as labels, or why it is not: each term an equality on a valid
 * label key (which may hold a slash: `app.kubernetes.io/name=web`) and value.
 */
export function labelTerms(text: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const term of text.split(',')) {
    const equals = term.indexOf('=');
    if (equals <= 0) {
      return `has a term ${JSON.stringify(term)} that is not key=value`;
    }
    const key = term.slice(0, equals);
    const value = term.slice(equals + 1);
    const errors = [...qualifiedNameErrors(key), ...labelValueErrors(value)];
    if (errors.length > 0) {
      return `has an invalid label ${JSON.stringify(term)}: ${errors.join('; ')}`;
    }
    labels[key] = value;
  }
  return labels;
}

/** What a reference to several endpoints, or to addresses outside the cluster, stands for. */
export type EndpointSet =
  | { readonly kind: 'endpoints'; readonly label: string; readonly ids: readonly string[] }
  | {
      readonly kind: 'outside';
      readonly label: string;
      /** One address per run of addresses that no ipBlock of the policies tells apart (externalPeerOf). */
      readonly addresses: readonly string[];
    };

/** The forms endpointSet reads, for its errors. */
export const ENDPOINT_SET_FORMS = '"*", namespace, namespace/name, namespace/key=value[,key=value...] ("*/key=value" for every namespace), an IP address or a CIDR';

function hasLabels(labels: Labels, wanted: Labels): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/**
 * A reference to endpoints or outside addresses, as an expectations file writes one:
 * `*` (every endpoint), an IP address or CIDR (outside the cluster, every address of it),
 * `namespace/key=value[,...]` (the endpoints of the namespace, or of every namespace for `*`,
 * whose labels have each term), `namespace/name` or `namespace`. A name the model does not
 * have, or a selector that selects no endpoint, throws EndpointReferenceError.
 */
export function endpointSet(context: ReferenceContext, value: string, model: ClusterModel): EndpointSet {
  const ids = model.endpoints.map(endpointId).sort();
  if (value === '*') {
    return { kind: 'endpoints', label: 'every endpoint', ids };
  }
  const outside = externalPeerOf(value, model);
  if (outside) {
    return { kind: 'outside', label: `${value} (outside the cluster)`, addresses: outside.addresses };
  }
  const slash = value.indexOf('/');
  if (slash > 0 && value.slice(slash + 1).includes('=')) {
    const namespace = value.slice(0, slash);
    const labels = labelTerms(value.slice(slash + 1));
    if (typeof labels === 'string') {
      throw new EndpointReferenceError('INVALID_SELECTOR', `${context.field}: ${JSON.stringify(value)} ${labels}; use one of ${ENDPOINT_SET_FORMS}`);
    }
    if (namespace !== '*') {
      endpointSelector(context, namespace, ids);
    }
    const selected = model.endpoints
      .filter((endpoint) => (namespace === '*' || endpoint.namespace === namespace) && hasLabels(endpoint.labels, labels))
      .map(endpointId)
      .sort();
    if (selected.length === 0) {
      throw new EndpointReferenceError('NOTHING_SELECTED', `${context.field}: ${JSON.stringify(value)} selects no endpoint in ${context.inputs ?? 'the inputs'}`);
    }
    return { kind: 'endpoints', label: value, ids: selected };
  }
  const selects = endpointSelector(context, value, ids);
  return { kind: 'endpoints', label: value, ids: ids.filter(selects) };
}

/** The analyzer peers of an endpoint set: one per endpoint, or one per outside address. */
export function endpointSetPeers(set: EndpointSet): Peer[] {
  return set.kind === 'endpoints' ? set.ids.map((id) => ({ kind: 'endpoint', id })) : set.addresses.map((ip) => ({ kind: 'external', ip }));
}
