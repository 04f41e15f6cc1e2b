/**
 * The Kubernetes network-policy conformance scenarios (kubernetes/kubernetes
 * test/e2e/network/netpol/network_policy.go) run through `netpol reach --format json` on the
 * e2e cluster: namespaces x, y, z with pods a, b, c each. As in the e2e suite, every
 * expectation starts from "everything allowed" and marks what the policies change; unlike it,
 * all nine pods are always present and self pairs are compared too.
 */
import * as path from 'path';
import { Protocol } from '../../lib/model';
import { renderReachText } from '../../lib/report';
import { runCli } from '../cli/run-cli';
import { ALL_PODS, TruthTable } from './truth-table';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'conformance');

interface Probe {
  readonly port: number;
  readonly protocol: Protocol;
  /** The expected truth table, built from "all allowed" with marks. */
  readonly expected: (table: TruthTable) => TruthTable;
}

interface Scenario {
  /** The e2e test's name (or what an added scenario checks). */
  readonly name: string;
  /** Policy files under test/fixtures/conformance, loaded together with cluster.yaml. */
  readonly files: readonly string[];
  readonly probes: readonly Probe[];
}

const same = (table: TruthTable): TruthTable => table;
const tcp = (port: number, expected: Probe['expected']): Probe => ({ port, protocol: 'TCP', expected });
const udp = (port: number, expected: Probe['expected']): Probe => ({ port, protocol: 'UDP', expected });
const sctp = (port: number, expected: Probe['expected']): Probe => ({ port, protocol: 'SCTP', expected });

const denyIntoX = (t: TruthTable) => t.expectPeer({}, { namespace: 'x' }, false);
const onlyYIntoXA = (t: TruthTable) =>
  t.expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);
const denyIntoXA = (t: TruthTable) => t.expectAllIngress('x/a', false);

const scenarios: Scenario[] = [
  {
    name: "should support a 'default-deny-ingress' policy (TCP, UDP and SCTP)",
    files: ['default-deny-ingress.yaml'],
    probes: [tcp(80, denyIntoX), udp(80, denyIntoX), sctp(80, denyIntoX)],
  },
  {
    name: "should support a 'default-deny-all' policy",
    files: ['default-deny-all.yaml'],
    probes: [tcp(80, (t) => t.expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    files: ['pod-selector.yaml'],
    probes: [tcp(80, (t) => denyIntoXA(t).expect('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target (deny-all plus allow)',
    files: ['deny-all-plus-allow-target.yaml'],
    probes: [tcp(80, (t) => denyIntoX(t).expectAllIngress('x/a', true))],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    files: ['all-namespaces.yaml'],
    probes: [tcp(80, same)],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    files: ['namespace-selector.yaml'],
    probes: [tcp(80, onlyYIntoXA)],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions (In)',
    files: ['pod-selector-match-expressions.yaml'],
    probes: [tcp(80, (t) => denyIntoXA(t).expect('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions (In)',
    files: ['namespace-selector-match-expressions.yaml'],
    probes: [tcp(80, onlyYIntoXA)],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector (two peers are OR; NotIn)',
    files: ['pod-or-namespace-selector.yaml'],
    probes: [tcp(80, (t) => t.expect('x/a', 'x/a', false).expect('x/c', 'x/a', false))],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector (one peer is AND)',
    files: ['pod-and-namespace-selector.yaml'],
    probes: [tcp(80, (t) => denyIntoXA(t).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    files: ['multiple-pod-and-namespace-selectors.yaml'],
    probes: [
      tcp(80, (t) =>
        t.expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ pod: 'a' }, { namespace: 'x', pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    files: ['any-pod-selectors.yaml'],
    probes: [tcp(80, (t) => denyIntoXA(t).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true))],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector (TCP, UDP, SCTP)',
    files: ['pod-in-other-namespace.yaml'],
    probes: [80].flatMap((port) =>
      [tcp, udp, sctp].map((probe) => probe(port, (t) => denyIntoXA(t).expect('y/a', 'x/a', true))),
    ),
  },
  {
    name: 'should enforce policy based on Ports (TCP): other ports and protocols stay isolated',
    files: ['ports-81-tcp.yaml'],
    probes: [tcp(81, onlyYIntoXA), tcp(80, denyIntoXA), udp(81, denyIntoXA), sctp(81, denyIntoXA)],
  },
  {
    name: 'should enforce policy based on Ports (UDP)',
    files: ['ports-81-udp.yaml'],
    probes: [udp(81, onlyYIntoXA), tcp(81, denyIntoXA), sctp(81, denyIntoXA)],
  },
  {
    name: 'should enforce policy based on Ports (SCTP)',
    files: ['ports-81-sctp.yaml'],
    probes: [sctp(81, onlyYIntoXA), tcp(81, denyIntoXA), udp(81, denyIntoXA)],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (before the second policy)',
    files: ['ports-81-tcp.yaml'],
    probes: [tcp(81, onlyYIntoXA), tcp(80, denyIntoXA)],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (a second policy unblocks 80)',
    files: ['ports-81-tcp.yaml', 'ports-80-tcp-stacked.yaml'],
    probes: [tcp(81, onlyYIntoXA), tcp(80, onlyYIntoXA)],
  },
  {
    name: 'should support allow-all policy',
    files: ['allow-all.yaml'],
    probes: [tcp(80, same), tcp(81, same), udp(81, same)],
  },
  {
    name: 'should allow ingress access on one named port',
    files: ['named-port-ingress.yaml'],
    probes: [tcp(81, same), tcp(80, denyIntoX), udp(81, denyIntoX)],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    files: ['named-port-from-namespace.yaml'],
    probes: [tcp(80, onlyYIntoXA), tcp(81, denyIntoXA)],
  },
  {
    name: 'should allow egress access on one named port (resolved on the destination)',
    files: ['named-port-egress.yaml'],
    probes: [tcp(80, same), tcp(81, (t) => t.expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    files: ['deny-other-namespaces.yaml'],
    probes: [tcp(80, (t) => t.expectPeer({ namespace: 'y' }, { namespace: 'x' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x' }, false))],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    files: ['deny-egress-pod.yaml'],
    probes: [tcp(80, (t) => t.expectAllEgress('x/a', false))],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    files: ['deny-egress-namespace.yaml'],
    probes: [tcp(80, (t) => t.expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    files: ['ingress-and-egress.yaml'],
    probes: [
      tcp(80, (t) => denyIntoXA(t).expect('x/b', 'x/a', true)),
      tcp(81, (t) => denyIntoXA(t).expectAllEgress('x/a', false).expect('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    files: ['client-side-egress-deny.yaml'],
    probes: [
      tcp(80, (t) =>
        t
          .expectAllEgress('x/a', false)
          .expectAllIngress('y/a', false)
          .expect('x/a', 'y/a', true)
          .expectAllIngress('y/b', false),
      ),
    ],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    files: ['egress-to-pod-in-other-namespace.yaml'],
    probes: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/a', true))],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    files: ['protocol-only.yaml'],
    probes: [tcp(80, same), tcp(81, same), udp(80, denyIntoXA)],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    files: ['ingress-port-80.yaml'],
    probes: [tcp(81, denyIntoX), tcp(80, same)],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence (after allow-all)',
    files: ['ingress-port-80.yaml', 'allow-all.yaml'],
    probes: [tcp(81, same)],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    files: ['egress-port-80.yaml'],
    probes: [tcp(81, (t) => t.expectPeer({ namespace: 'x' }, {}, false)), tcp(80, same)],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence (after allow-all)',
    files: ['egress-port-80.yaml', 'allow-all-egress.yaml'],
    probes: [tcp(81, same)],
  },
  {
    name: 'should allow egress access to server in CIDR block (ipBlock matches pod IPs)',
    files: ['ip-block.yaml'],
    probes: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/b', true))],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    files: ['ip-block-except.yaml'],
    probes: [tcp(80, (t) => t.expect('x/a', 'x/b', false))],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (by another policy)',
    files: ['ip-block-except.yaml', 'ip-block-overlapping-except.yaml'],
    probes: [tcp(80, same)],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (the /32 policy alone)',
    files: ['ip-block-overlapping-except.yaml'],
    probes: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'x/b', true))],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    files: ['independent-egress.yaml'],
    probes: [tcp(80, same)],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently (after the ingress deny)',
    files: ['independent-egress.yaml', 'independent-ingress.yaml'],
    probes: [tcp(80, denyIntoXA)],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    files: ['sctp-is-not-tcp.yaml'],
    probes: [tcp(81, denyIntoX), sctp(81, (t) => denyIntoX(t).expectAllIngress('x/a', true))],
  },
  {
    name: 'should properly isolate pods that are selected by a policy allowing SCTP',
    files: ['sctp-isolates.yaml'],
    probes: [tcp(81, denyIntoXA), tcp(80, denyIntoXA), sctp(80, same)],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    files: ['udp-only.yaml'],
    probes: [tcp(81, denyIntoXA), udp(81, same)],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    files: ['default-namespace-label.yaml'],
    probes: [tcp(80, onlyYIntoXA)],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label (egress, NotIn)',
    files: ['default-namespace-label-egress.yaml'],
    probes: [tcp(80, (t) => t.expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, false))],
  },
  {
    name: 'endPort: a port range allows every port in it and nothing else',
    files: ['end-port.yaml'],
    probes: [tcp(81, onlyYIntoXA), tcp(82, onlyYIntoXA), tcp(80, denyIntoXA), tcp(83, denyIntoXA), udp(81, denyIntoXA)],
  },
  {
    name: 'matchExpressions Exists, NotIn and DoesNotExist in target and peer selectors',
    files: ['exists-does-not-exist.yaml'],
    probes: [tcp(80, (t) => t.expectPeer({ pod: 'c' }, { namespace: 'x', pod: 'a' }, false))],
  },
  {
    name: 'policyTypes defaulting: egress rules without policyTypes also isolate ingress',
    files: ['policy-types-defaulting.yaml'],
    probes: [tcp(80, (t) => denyIntoXA(t).expectAllEgress('x/a', false).expect('x/a', 'x/b', true).expect('x/a', 'x/c', true))],
  },
];

interface ReachJson {
  port: number;
  protocol: Protocol;
  endpoints: string[];
  allowed: [string, string][];
}

async function reach(files: readonly string[], probe: Probe): Promise<ReachJson> {
  const paths = ['cluster.yaml', ...files].map((file) => path.join(FIXTURES, file));
  const result = await runCli(['reach', ...paths, '--port', `${probe.port}`, '--protocol', probe.protocol, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('NetworkPolicy conformance (e2e truth tables)', () => {
  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      for (const probe of scenario.probes) {
        test(`${probe.protocol}/${probe.port}`, async () => {
          const actual = await reach(scenario.files, probe);
          const expected = { ...actual, allowed: probe.expected(new TruthTable()).allowedPairs() };
          expect(actual.endpoints).toEqual(ALL_PODS);
          // Compared as truth tables so a failure shows which cells differ.
          expect(renderReachText(actual)).toBe(renderReachText(expected));
          expect(actual.allowed).toEqual(expected.allowed);
        });
      }
    });
  }
});
