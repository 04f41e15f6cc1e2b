import { Direction } from '../model';
import { warning } from './field-error';
import { childPath } from './field-path';
import { FieldError, Finding } from './finding';
import { validateNetworkPolicyPeer } from './network-policy-peer';
import { validateNetworkPolicyPort } from './network-policy-port';
import { isAbsent, isObject, unknownFields, validateList, wrongType } from './shape';

/** An ingress or egress rule: its peers (`from` or `to`) and its ports, plus the empty-list lint. */


/** The field holding a rule's peers for each direction. */
const PEERS_FIELD: Readonly<Record<Direction, 'from' | 'to'>> = { ingress: 'from', egress: 'to' };

function emptyListWarning(value: unknown, path: string, meaning: string, fix: string): Finding[] {
  return Array.isArray(value) && value.length === 0
    ? [warning(path, `is an empty list, which means ${meaning}; omit the field if that is intended, or ${fix}`, 'empty-list')]
    : [];
}

/** Validates an untrusted rule at `path` (e.g. `spec.egress[1]`). */
export function validateNetworkPolicyRule(value: unknown, path: string, direction: Direction): FieldError[] {
  const peersField = PEERS_FIELD[direction];
  if (isAbsent(value)) {
    // A null element of the []NetworkPolicyIngressRule/EgressRule slice decodes as the zero
    // rule (encoding/json semantics, kept by sigs.k8s.io/json): the API server stores `{}`.
    const peerWord = direction === 'ingress' ? 'from every source' : 'to every destination';
    return [warning(path, `is null, which the API server stores as an empty rule {}: it allows all traffic ${peerWord} on every port; write {} if that is intended, or remove it`, 'null-entry')];
  }
  if (!isObject(value)) {
    return [wrongType(path, value, `an object with ${peersField} and ports`)];
  }
  const peersPath = childPath(path, peersField);
  const portsPath = childPath(path, 'ports');
  const peerWord = direction === 'ingress' ? 'sources' : 'destinations';
  return [
    ...emptyListWarning(value[peersField], peersPath, `every peer, in the cluster and outside it`, `list the ${peerWord}`),
    ...validateList(value[peersField], peersPath, 'peers', validateNetworkPolicyPeer),
    ...emptyListWarning(value.ports, portsPath, 'every port of every protocol', 'list the ports'),
    ...validateList(value.ports, portsPath, 'ports', validateNetworkPolicyPort),
    ...unknownFields(value, path, [peersField, 'ports']),
  ];
}
