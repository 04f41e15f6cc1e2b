import type { Analyzer, Explanation, Peer, PortProbe } from '../analysis';
import { EndpointReferenceError, parseFlowEnd } from './endpoint-reference';

/** One flow to explain; its ends as text (`namespace/name` or an IP address) or already resolved. */
export interface FlowQuery {
  readonly from: string | Peer;
  readonly to: string | Peer;
  readonly probe: PortProbe;
}

/** How errors name the query's fields and its inputs. */
export interface FlowQueryNames {
  readonly from: string;
  readonly to: string;
  /**
   * What holds the endpoints, as errors say it.
   * @default 'the inputs'
   */
  readonly inputs?: string;
}

/**
 * The verdict on one flow with both directions explained. Text ends are read by
 * parseFlowEnd; a flow with no endpoint at either end is refused, since NetworkPolicies only
 * judge traffic of endpoints.
 */
export function explainFlow(analyzer: Analyzer, query: FlowQuery, names: FlowQueryNames): Explanation {
  const ids = analyzer.endpointIds();
  const end = (value: string | Peer, field: string): Peer =>
    typeof value === 'string' ? parseFlowEnd({ field, inputs: names.inputs }, value, ids) : value;
  const from = end(query.from, names.from);
  const to = end(query.to, names.to);
  if (from.kind === 'external' && to.kind === 'external') {
    throw new EndpointReferenceError(
      'NOT_AN_ENDPOINT',
      `${names.from} and ${names.to} are both outside the cluster: NetworkPolicies only judge traffic of endpoints`,
    );
  }
  return analyzer.explain(from, to, query.probe);
}
