import { ReachResult } from '../analysis/types';

/** `{"port", "protocol", "endpoints", "allowed"}`: every allowed ordered pair, machine-readable. */
export function renderReachJson(result: ReachResult): string {
  const data = {
    port: result.port,
    protocol: result.protocol,
    endpoints: result.endpoints,
    allowed: result.allowed,
  };
  return JSON.stringify(data, null, 2) + '\n';
}

/** `{"endpoints": E, "allowed": K}`: counts only, for dashboards and quick checks. */
export function renderReachSummary(result: ReachResult): string {
  return JSON.stringify({ endpoints: result.endpoints.length, allowed: result.allowed.length }) + '\n';
}
