import type { EstatePlan, LeftOutFlow, PlannedAllowance, PlannedEnd, PlannedWorkload } from '../flows';
import { describeObservedEnd } from '../flows';
import { constructId } from './construct-id';
import { Labels, ObservedEnd, ObservedFlows, ObservedPod, Protocol, compareText, groupBy } from '../model';

/**
 * Labels the control plane sets per pod, per revision or per run (see
 * lib/manifests/control-plane-labels.ts): a policy selecting on them would break on the next
 * rollout or run, so a generated workload never selects on them.
 */
const UNSTABLE_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
]);

/** Labels that name an application, in the order a readable name is taken from them. */
const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'];

function stableLabels(labels: Labels): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => !UNSTABLE_LABELS.has(key)));
}

/** The labels every one of `sets` carries with the same value. */
function sharedLabels(sets: readonly Labels[]): Record<string, string> {
  const [first, ...rest] = sets;
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((labels) => labels[key] === value)));
}

/** `shop-web` -> `shopWeb`: a TypeScript identifier. */
function variableName(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const name = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase())).join('');
  return /^[0-9]/.test(name) ? `w${name}` : name || 'workload';
}

/** What identifies a workload among observed pods: Hubble's workload, else its stable labels. */
function workloadKey(pod: ObservedPod): string {
  if (pod.workload) {
    return `${pod.namespace}/${pod.workload.kind}/${pod.workload.name}`;
  }
  const labels = stableLabels(pod.labels);
  return `${pod.namespace}/{${Object.keys(labels).sort(compareText).map((key) => `${key}=${labels[key]}`).join(',')}}`;
}

/**
 * A starting estate from observed flows: every namespace with an observed pod gets the
 * zero-trust baseline, every observed pair of ends one AllowTraffic with the observed ports.
 * Pods are grouped into workloads by Hubble's workload (else by their stable labels) and
 * selected by the stable labels all their pods share. What cannot be allowed this way (ends
 * the plain format names without labels, a pod whose labels another workload's selector
 * would match, traffic from the node, flows with both ends outside) is left out with why.
 */
export function planEstate(observed: ObservedFlows): EstatePlan {
  const pods = observed.groups.flatMap((group) => [group.from, group.to]).filter((end): end is ObservedPod => end.kind === 'pod');
  const podsByWorkload = groupBy(pods, workloadKey);
  const workloadByKey = new Map<string, PlannedWorkload>();
  const usedVariables = new Set<string>();
  const unusable = new Map<string, string>();
  const planned: PlannedWorkload[] = [];
  for (const [key, members] of podsByWorkload) {
    const first = members[0];
    const labels = sharedLabels(members.map((pod) => stableLabels(pod.labels)));
    const nameLabel = NAME_LABELS.find((label) => labels[label] !== undefined);
    const name = first.workload?.name ?? (nameLabel ? labels[nameLabel] : constructId(Object.values(labels).join('-')));
    if (Object.keys(labels).length === 0) {
      unusable.set(key, 'its pods share no stable label to select them by');
      continue;
    }
    let variable = variableName(`${first.namespace}-${name}`);
    for (let n = 2; usedVariables.has(variable); n++) {
      variable = variableName(`${first.namespace}-${name}-${n}`);
    }
    usedVariables.add(variable);
    const workload = { variable, namespace: first.namespace, name, labels };
    workloadByKey.set(key, workload);
    planned.push(workload);
  }
  // A selector that also matches another workload's pods would allow that workload's flows too.
  for (const workload of planned) {
    const overlapping = planned.filter(
      (other) =>
        other !== workload &&
        other.namespace === workload.namespace &&
        Object.entries(workload.labels).every(([key, value]) => other.labels[key] === value),
    );
    if (overlapping.length > 0) {
      const key = [...workloadByKey].find(([, value]) => value === workload)![0];
      unusable.set(key, `its labels also select ${overlapping.map((other) => `${other.namespace}/${other.name}`).join(', ')}`);
      workloadByKey.delete(key);
    }
  }
  const leftOut: LeftOutFlow[] = [];
  const endOf = (end: ObservedEnd): PlannedEnd | string => {
    switch (end.kind) {
      case 'pod': {
        const key = workloadKey(end);
        return workloadByKey.get(key) ? { kind: 'workload', workload: workloadByKey.get(key)! } : (unusable.get(key) ?? 'unknown workload');
      }
      case 'workload':
        return 'the plain format names the workload, not its labels: generate needs the labels (Hubble flows)';
      case 'address':
        return end.identity === 'host' ? "the pod's own node: NetworkPolicies do not restrict it" : { kind: 'addresses', text: end.ip, names: [] };
      case 'network':
        return { kind: 'addresses', text: end.cidr, names: [] };
    }
  };
  const endKey = (end: PlannedEnd): string => (end.kind === 'workload' ? `w ${end.workload.variable}` : `a ${end.text}`);
  const pairs = new Map<string, { from: PlannedEnd; to: PlannedEnd; ports: Map<string, { port: number; protocol: Protocol }>; names: Set<string>; count: number }>();
  for (const group of observed.groups) {
    const from = endOf(group.from);
    const to = endOf(group.to);
    const flowText = `${describeObservedEnd(group.from)} -> ${describeObservedEnd(group.to)} on ${group.protocol}/${group.port}`;
    const reason = typeof from === 'string' ? from : typeof to === 'string' ? to : from.kind === 'addresses' && to.kind === 'addresses' ? 'both ends are outside the cluster' : undefined;
    if (reason !== undefined || typeof from === 'string' || typeof to === 'string') {
      leftOut.push({ flow: flowText, reason: reason ?? '', count: group.count });
      continue;
    }
    const key = `${endKey(from)} > ${endKey(to)}`;
    const pair = pairs.get(key) ?? { from, to, ports: new Map(), names: new Set<string>(), count: 0 };
    pair.ports.set(`${group.protocol}/${group.port}`, { port: group.port, protocol: group.protocol });
    group.destinationNames.forEach((name) => pair.names.add(name));
    pair.count += group.count;
    pairs.set(key, pair);
  }
  const usedIds = new Set<string>();
  const endName = (end: PlannedEnd, names: ReadonlySet<string>): string => (end.kind === 'workload' ? end.workload.name : ([...names].sort(compareText)[0] ?? end.text));
  const allowances: PlannedAllowance[] = [...pairs.values()].map(({ from, to, ports, names, count }) => {
    const destination = to.kind === 'addresses' ? { ...to, names: [...names].sort(compareText) } : to;
    let id = constructId(`${endName(from, new Set())}-to-${endName(to, names)}`);
    if (usedIds.has(id)) {
      const namespaced = (end: PlannedEnd, endNames: ReadonlySet<string>): string => (end.kind === 'workload' ? `${end.workload.namespace}-${end.workload.name}` : endName(end, endNames));
      id = constructId(`${namespaced(from, new Set())}-to-${namespaced(to, names)}`);
      for (let n = 2; usedIds.has(id); n++) {
        id = constructId(`${namespaced(from, new Set())}-to-${namespaced(to, names)}-${n}`);
      }
    }
    usedIds.add(id);
    const sortedPorts = [...ports.values()].sort((a, b) => compareText(a.protocol, b.protocol) || a.port - b.port);
    return { id, from, to: destination, ports: sortedPorts, count };
  });
  allowances.sort((a, b) => compareText(a.id, b.id));
  const kept = planned.filter((workload) => [...workloadByKey.values()].includes(workload));
  return {
    namespaces: [...new Set(kept.map((workload) => workload.namespace))].sort(compareText),
    workloads: kept.sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name)),
    allowances,
    leftOut,
    skipped: observed.skipped,
    files: observed.files,
  };
}
