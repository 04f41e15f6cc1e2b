import { promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { FlowInputError, readFlows } from '../../lib/flows';
import type { ObservedFlows } from '../../lib/model';
import { useTempDir } from '../manifests/temp-dir';

const scratch = useTempDir('netpol-flows-');

/** Writes JSON lines (objects) to a file of the scratch directory and reads them as flows. */
async function readLines(name: string, lines: readonly unknown[]): Promise<ObservedFlows> {
  const file = path.join(scratch(), name);
  await fs.writeFile(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return readFlows([file]);
}

/** A flow as Hubble writes it (proto field names, flow.proto), web -> api on TCP 8080. */
function hubbleFlow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    time: '2026-11-30T10:00:00.000000Z',
    verdict: 'FORWARDED',
    IP: { source: '10.0.1.11', destination: '10.0.1.12', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: 41000, destination_port: 8080, flags: { SYN: true } } },
    source: {
      ID: 101,
      identity: 20101,
      namespace: 'shop',
      labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=shop', 'k8s:io.cilium.k8s.policy.cluster=default', 'k8s:io.cilium.k8s.namespace.labels.team=shop'],
      pod_name: 'web-7d9f8b6c5-x2x4q',
      workloads: [{ name: 'web', kind: 'Deployment' }],
    },
    destination: { ID: 102, identity: 20102, namespace: 'shop', labels: ['k8s:app=api'], pod_name: 'api-5c6d7e8f9-abcde' },
    Type: 'L3_L4',
    node_name: 'kind-worker',
    traffic_direction: 'EGRESS',
    is_reply: false,
    ...overrides,
  };
}

/** The same flow in proto3 JSON's lowerCamelCase names, enums as numbers and ports as strings. */
function camelCaseFlow(): Record<string, unknown> {
  return {
    verdict: 1,
    IP: { source: '10.0.1.11', destination: '10.0.1.12', ipVersion: 1 },
    l4: { TCP: { sourcePort: '41000', destinationPort: '8080' } },
    source: {
      namespace: 'shop',
      labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=shop', 'k8s:io.cilium.k8s.policy.cluster=default', 'k8s:io.cilium.k8s.namespace.labels.team=shop'],
      podName: 'web-7d9f8b6c5-x2x4q',
      workloads: [{ name: 'web', kind: 'Deployment' }],
    },
    destination: { namespace: 'shop', labels: ['k8s:app=api'], podName: 'api-5c6d7e8f9-abcde' },
    Type: 1,
    nodeName: 'kind-worker',
    trafficDirection: 2,
    isReply: false,
  };
}

describe('Hubble flows (flow.proto in the proto3 JSON mapping)', () => {
  test('-o jsonpb / exporter lines ({"flow": ...}) and -o json lines (the Flow itself) read alike', async () => {
    const enveloped = await readLines('jsonpb.json', [{ flow: hubbleFlow(), node_name: 'kind-worker', time: '2026-11-30T10:00:00Z' }]);
    const bare = await readLines('json.json', [hubbleFlow()]);
    expect(enveloped.groups).toHaveLength(1);
    expect(enveloped.groups[0]).toMatchObject({
      from: { kind: 'pod', namespace: 'shop', labels: { app: 'web' }, workload: { kind: 'Deployment', name: 'web' }, namespaceLabels: { team: 'shop' } },
      to: { kind: 'pod', namespace: 'shop', labels: { app: 'api' } },
      port: 8080,
      protocol: 'TCP',
      count: 1,
      verdicts: { FORWARDED: 1 },
    });
    expect(bare.groups.map(({ firstSeen, ...group }) => group)).toEqual(enveloped.groups.map(({ firstSeen, ...group }) => group));
  });

  test("Cilium's own labels are not pod labels: pod namespace, cluster, service account, namespace labels", async () => {
    const read = await readLines('labels.json', [hubbleFlow()]);
    const from = read.groups[0].from;
    expect(from.kind === 'pod' && from.labels).toEqual({ app: 'web' });
  });

  test('lowerCamelCase JSON names, enum numbers and ports as decimal strings read as the proto names do', async () => {
    const proto = await readLines('proto-names.json', [hubbleFlow()]);
    const camel = await readLines('camel-names.json', [camelCaseFlow()]);
    expect(camel.groups.map(({ firstSeen, ...group }) => group)).toEqual(proto.groups.map(({ firstSeen, ...group }) => group));
  });

  test('flows of several pods of one workload are one group with a count; verdicts are counted apart', async () => {
    const dropped = hubbleFlow({ verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED' });
    const otherPod = hubbleFlow({ IP: { source: '10.0.1.99', destination: '10.0.1.12' } });
    const read = await readLines('counts.json', [hubbleFlow(), dropped, otherPod, { flow: hubbleFlow({ verdict: 2 }) }]);
    expect(read.groups).toHaveLength(1);
    expect(read.groups[0].count).toBe(4);
    expect(read.groups[0].verdicts).toEqual({ DROPPED: 2, FORWARDED: 2 });
  });

  test('replies are not flows: is_reply true is skipped, and so is an unknown is_reply the other way of a seen request', async () => {
    const request = hubbleFlow({ is_reply: undefined });
    const reply = hubbleFlow({
      IP: { source: '10.0.1.12', destination: '10.0.1.11' },
      l4: { TCP: { source_port: 8080, destination_port: 41000 } },
      source: { namespace: 'shop', labels: ['k8s:app=api'] },
      destination: { namespace: 'shop', labels: ['k8s:app=web'] },
    });
    const unknownReply = { ...reply, is_reply: null };
    const markedReply = { ...reply, is_reply: true };
    const deprecatedReply = { ...reply, is_reply: undefined, reply: true };
    const read = await readLines('replies.json', [request, markedReply, unknownReply, deprecatedReply]);
    expect(read.groups).toHaveLength(1);
    expect(read.groups[0]).toMatchObject({ port: 8080, count: 1 });
    expect(read.skipped).toEqual([
      expect.objectContaining({ reason: 'reply (is_reply: true)', count: 2 }),
      expect.objectContaining({ reason: 'reply (is_reply unknown; a flow the other way to its source port was seen before)', count: 1 }),
    ]);
  });

  test('an unknown is_reply with no request the other way seen is a flow', async () => {
    const read = await readLines('unknown.json', [hubbleFlow({ is_reply: undefined })]);
    expect(read.groups).toHaveLength(1);
    expect(read.skipped).toEqual([]);
  });

  test('IPv6 and world destinations: the address, the reserved identity and destination_names', async () => {
    const world = hubbleFlow({
      IP: { source: 'fd00:10::11', destination: '2001:db8::10', ipVersion: 'IPv6' },
      l4: { TCP: { source_port: 43000, destination_port: 443 } },
      destination: { identity: 2, labels: ['reserved:world'] },
      destination_names: ['api.payments.example', 'payments.example'],
    });
    const read = await readLines('ipv6.json', [world, { ...world, destination_names: ['api.payments.example'] }]);
    expect(read.groups).toHaveLength(1);
    expect(read.groups[0]).toMatchObject({
      to: { kind: 'address', ip: '2001:db8::10', identity: 'world' },
      port: 443,
      count: 2,
      destinationNames: ['api.payments.example', 'payments.example'],
    });
  });

  test('DNS over UDP keeps its destination service; UDP and SCTP ports are read', async () => {
    const dns = hubbleFlow({
      IP: { source: '10.0.1.11', destination: '10.0.3.30' },
      l4: { UDP: { source_port: 50000, destination_port: 53 } },
      destination: { namespace: 'kube-system', labels: ['k8s:k8s-app=kube-dns'], workloads: [{ name: 'coredns', kind: 'Deployment' }] },
      destination_service: { name: 'kube-dns', namespace: 'kube-system' },
    });
    const sctp = hubbleFlow({ l4: { SCTP: { source_port: 5000, destination_port: 3868 } } });
    const read = await readLines('dns.json', [dns, sctp]);
    expect(read.groups.map((group) => [group.protocol, group.port, group.destinationService])).toEqual([
      ['UDP', 53, 'kube-system/kube-dns'],
      ['SCTP', 3868, undefined],
    ]);
  });

  test('what is not a flow is counted by why, never dropped silently', async () => {
    const icmp = hubbleFlow({ l4: { ICMPv4: { type: 8 } } });
    const noL4 = hubbleFlow({ l4: undefined });
    const read = await readLines('events.json', [
      { node_status: { state_change: 'NODE_CONNECTED', node_names: ['kind-worker'] }, node_name: 'kind-worker' },
      { lost_events: { source: 'HUBBLE_RING_BUFFER', num_events_lost: 12 } },
      icmp,
      noL4,
      hubbleFlow(),
    ]);
    expect(read.groups).toHaveLength(1);
    expect(read.skipped.map((skip) => [skip.reason, skip.count, skip.firstSeen.line])).toEqual([
      ['Hubble node_status event: not a flow', 1, 1],
      ['Hubble lost_events event: not a flow', 1, 2],
      ['ICMP: NetworkPolicy ports are TCP, UDP or SCTP', 1, 3],
      ['no TCP, UDP or SCTP port (l4 absent)', 1, 4],
    ]);
    expect(read.lines).toBe(5);
  });

  test('standard input (-) is read as a stream', async () => {
    const stdin = Readable.from([JSON.stringify({ flow: hubbleFlow() }) + '\n', JSON.stringify(hubbleFlow()) + '\n']);
    const read = await readFlows(['-'], { stdin });
    expect(read.groups[0].count).toBe(2);
  });
});

describe('bad flow input names the file, the line and the field', () => {
  test.each([
    ['a line that is not JSON', ['{"flow": {'], /:1: not JSON/],
    ['a port of the wrong type', [hubbleFlow({ l4: { TCP: { destination_port: 'http' } } })], /:1: l4\.TCP\.destination_port: expected an unsigned integer, got "http"/],
    ['a port out of range', [{ flow: hubbleFlow({ l4: { UDP: { destination_port: 70000 } } }) }], /:1: flow\.l4\.UDP\.destination_port: 70000 is not a port/],
    ['labels that are not strings', [hubbleFlow({ destination: { namespace: 'shop', labels: [1] } })], /:1: destination\.labels: expected a list of strings/],
    ['is_reply that is not a bool', [hubbleFlow({ is_reply: 'yes' })], /:1: is_reply: expected true or false, got "yes"/],
    ['a flow that is not an object', [{ flow: 3 }], /:1: flow: expected an object, got 3/],
    ['an address that is not one', [hubbleFlow({ IP: { source: '10.0.1', destination: '10.0.1.12' } })], /IP\.source: "10\.0\.1" is not an IPv4 or IPv6 address/],
    ['an object of neither format', [hubbleFlow(), { hello: 'world' }], /:2: neither a Hubble flow .* nor a plain flow/],
  ])('%s', async (_what, lines, message) => {
    const error = await readLines('bad.json', lines).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FlowInputError);
    expect((error as Error).message).toContain(path.join(scratch(), 'bad.json'));
    expect((error as Error).message).toMatch(message);
  });

  test('a missing file and a directory', async () => {
    await expect(readFlows([path.join(scratch(), 'absent.json')])).rejects.toThrow(/absent\.json: cannot read: no such file/);
    await expect(readFlows([scratch()])).rejects.toThrow(/is a directory/);
  });
});
