import { oneOf, PropType } from './props-check';

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

/** Every direction, once each (the record makes the compiler hold the list complete). */
const DIRECTIONS: Record<PolicyDirection, true> = { ingress: true, egress: true, both: true };

/** A `PolicyDirection` prop. */
export const DIRECTION_PROP: PropType = oneOf(Object.keys(DIRECTIONS));
