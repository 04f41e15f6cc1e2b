import { ReachResult } from '../analysis/types';

/**
 * `{"port", "protocol", "endpoints", "allowed", ...extra}`: every allowed ordered pair,
 * machine-readable; `extra` holds further top-level fields (endpointNotesJson).
 */
export function renderReachJson(result: ReachResult, extra: object = {}): string {
  const data = {
    port: result.port,
    protocol: result.protocol,
    endpoints: result.endpoints,
    allowed: result.allowed,
    ...extra,
  };
  return JSON.stringify(data, null, 2) + '\n';
}

/**
 * `{"endpoints": E, "allowed": K}`: counts only, for dashboards and quick checks. Takes a
 * ReachResult (pairs allowed on one port) or a port matrix's endpoints and flows (pairs
 * allowed on some port).
 */
export function renderReachSummary(result: { readonly endpoints: readonly string[]; readonly allowed: readonly unknown[] }): string {
  return JSON.stringify({ endpoints: result.endpoints.length, allowed: result.allowed.length }) + '\n';
}
