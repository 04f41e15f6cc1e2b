/** Which traffic a construct governs: into the pods, out of them, or both. */
export type PolicyDirection = 'ingress' | 'egress' | 'both';

/** True when `direction` covers ingress. */
export function coversIngress(direction: PolicyDirection): boolean {
  return direction !== 'egress';
}

/** True when `direction` covers egress. */
export function coversEgress(direction: PolicyDirection): boolean {
  return direction !== 'ingress';
}
