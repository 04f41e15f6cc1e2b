'use strict';

const fs = require('fs');
const { seededRandom } = require('../harness/random');

/**
 * A Hubble export (`hubble observe -o jsonpb` lines, proto field names) of traffic on the
 * analyze estate (analyze-estate.js): per flow a request and, most of the time, its reply
 * (`is_reply: true`); some flows carry no `is_reply` at all. Requests are web -> api on 8080,
 * api -> postgres on 5432, DNS to CoreDNS (UDP 53), Prometheus scrapes on 9090 and HTTPS to
 * outside addresses with destination_names. Same seed, same file.
 */

const SEED = 20261130;
const SERVICES = ['frontend', 'storefront', 'admin', 'orders', 'catalog', 'payments', 'postgres', 'mailer', 'indexer', 'cleanup'];
const TIERS = { frontend: 'web', storefront: 'web', admin: 'web', orders: 'api', catalog: 'api', payments: 'api', postgres: 'db', mailer: 'worker', indexer: 'worker' };

function namespaceName(index) {
  return `app-${String(index).padStart(4, '0')}`;
}

function podEndpoint(namespace, app, labels) {
  return {
    ID: 1000,
    identity: 20000,
    namespace,
    labels: [...Object.entries(labels).map(([key, value]) => `k8s:${key}=${value}`), `k8s:io.kubernetes.pod.namespace=${namespace}`, 'k8s:io.cilium.k8s.policy.cluster=default'],
    pod_name: `${app}-5c6d7e8f9-abcde`,
    workloads: [{ name: app, kind: 'Deployment' }],
  };
}

function appEndpoint(namespaceIndex, serviceIndex) {
  const app = SERVICES[serviceIndex];
  const labels = { app, ...(TIERS[app] ? { tier: TIERS[app] } : {}) };
  return { endpoint: podEndpoint(namespaceName(namespaceIndex), app, labels), ip: `10.${1 + (namespaceIndex >> 8)}.${namespaceIndex & 255}.${10 + serviceIndex}` };
}

const COREDNS = { endpoint: podEndpoint('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }), ip: '10.0.0.53' };
const PROMETHEUS = { endpoint: podEndpoint('monitoring', 'prometheus', { app: 'prometheus' }), ip: '10.0.0.90' };

function line(source, destination, protocol, sourcePort, port, isReply, extra) {
  const flow = {
    time: '2026-11-30T10:00:00.000000Z',
    verdict: 'FORWARDED',
    IP: { source: source.ip, destination: destination.ip, ipVersion: 'IPv4' },
    l4: { [protocol]: { source_port: sourcePort, destination_port: port } },
    source: source.endpoint,
    destination: destination.endpoint,
    Type: 'L3_L4',
    node_name: 'node-1',
    traffic_direction: 'EGRESS',
    ...(isReply === undefined ? {} : { is_reply: isReply }),
    ...extra,
  };
  return JSON.stringify({ flow, node_name: 'node-1', time: flow.time }) + '\n';
}

/** The next request and its reply (or none), as lines. */
function nextLines(random, namespaces) {
  const namespace = random.int(namespaces);
  const ephemeral = 32768 + random.int(28000);
  const kind = random.int(10);
  let request;
  if (kind < 4) {
    request = [appEndpoint(namespace, random.int(3)), appEndpoint(namespace, 3 + random.int(3)), 'TCP', 8080, {}];
  } else if (kind < 6) {
    request = [appEndpoint(namespace, 3 + random.int(3)), appEndpoint(namespace, 6), 'TCP', 5432, {}];
  } else if (kind < 8) {
    request = [appEndpoint(namespace, random.int(10)), COREDNS, 'UDP', 53, {}];
  } else if (kind < 9) {
    request = [PROMETHEUS, appEndpoint(namespace, random.int(9)), 'TCP', 9090, {}];
  } else {
    const world = { endpoint: { identity: 2, labels: ['reserved:world'] }, ip: `203.0.113.${10 + random.int(4)}` };
    request = [appEndpoint(namespace, 5), world, 'TCP', 443, { destination_names: ['api.payments.example'] }];
  }
  const [source, destination, protocol, port, extra] = request;
  // One in ten flows carries no is_reply (policy verdict events, older agents).
  const known = random.int(10) !== 0;
  const lines = [line(source, destination, protocol, ephemeral, port, known ? false : undefined, extra)];
  if (random.int(10) < 7) {
    lines.push(line(destination, source, protocol, port, ephemeral, known ? true : undefined, {}));
  }
  return lines;
}

/** Writes `count` lines to `file` in chunks (never the whole file in memory); returns the bytes written. */
function writeFlows(file, count, namespaces) {
  const random = seededRandom(SEED);
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let bytes = 0;
  try {
    while (written < count) {
      let chunk = '';
      for (let i = 0; i < 1000 && written < count; i++) {
        for (const text of nextLines(random, namespaces)) {
          if (written < count) {
            chunk += text;
            written++;
          }
        }
      }
      bytes += fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

module.exports = { writeFlows };
