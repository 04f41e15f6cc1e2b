'use strict';

const { seededRandom } = require('../harness/random');

/**
 * The estate the analyze benchmark runs on: `namespaces` application namespaces of ten
 * Deployments each, five policies per namespace, plus kube-system (CoreDNS) and a monitoring
 * namespace whose Prometheus scrapes every pod. Same seed, same estate, byte for byte.
 *
 * Per application namespace:
 *   default-deny           every pod isolated both ways
 *   allow-dns              egress UDP+TCP 53 to kube-system k8s-app=kube-dns (AND peer)
 *   allow-same-namespace   ingress from pods with a tier on named port `http` and 5432;
 *                          egress to the namespace, and to partner teams' api pods on 8080
 *   allow-partner-teams    api pods accept web pods of partner teams (matchExpressions
 *                          In/NotIn on namespace labels) on named port `http`
 *   allow-monitoring       Prometheus in `monitoring` on named port `metrics`
 */

const SEED = 20240611;
const NAME_LABEL = 'kubernetes.io/metadata.name';
/** Ten Deployments per namespace; `tier` undefined means the label is absent. */
const SERVICES = [
  { name: 'frontend', tier: 'web' },
  { name: 'storefront', tier: 'web' },
  { name: 'admin', tier: 'web' },
  { name: 'orders', tier: 'api' },
  { name: 'catalog', tier: 'api' },
  { name: 'payments', tier: 'api' },
  { name: 'postgres', tier: 'db' },
  { name: 'mailer', tier: 'worker' },
  { name: 'indexer', tier: 'worker' },
  { name: 'cleanup', tier: undefined },
];

function namespaceName(index) {
  return `app-${String(index).padStart(4, '0')}`;
}

/** Namespaces in a team of ten share a `team` label; partner teams are the next two. */
function teamOf(index) {
  return `team-${Math.floor(index / 10)}`;
}

function partnerTeams(index, teamCount, offsets) {
  const team = Math.floor(index / 10);
  return offsets.map((offset) => `team-${(team + offset + teamCount) % teamCount}`);
}

function namespaceObject(name, labels) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function deployment(namespace, name, labels, ports) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `registry.example/${name}:1.0`, ports }] },
      },
    },
  };
}

function policy(namespace, name, spec) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function allowDns(namespace) {
  return policy(namespace, 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
    ],
  });
}

function containerPorts(service, random) {
  const ports = [];
  if (service.tier === 'web' || service.tier === 'api') {
    ports.push({ name: 'http', containerPort: 8080, protocol: 'TCP' });
  }
  if (service.tier === 'worker') {
    // The same port name on another number: named-port rules must resolve per destination.
    ports.push({ name: 'http', containerPort: 8081, protocol: 'TCP' });
  }
  if (service.tier === 'db') {
    ports.push({ name: 'postgres', containerPort: 5432, protocol: 'TCP' });
  }
  if (random.next() < 0.3) {
    ports.push({ name: 'grpc', containerPort: 9000, protocol: 'TCP' });
  }
  ports.push({ name: 'metrics', containerPort: 9090, protocol: 'TCP' });
  return ports;
}

function applicationNamespace(index, teamCount, random) {
  const ns = namespaceName(index);
  const env = random.next() < 0.1 ? 'sandbox' : random.pick(['prod', 'staging']);
  const objects = [namespaceObject(ns, { team: teamOf(index), env })];
  for (const service of SERVICES) {
    const labels = { app: service.name, ...(service.tier ? { tier: service.tier } : {}) };
    objects.push(deployment(ns, service.name, labels, containerPorts(service, random)));
  }
  objects.push(
    policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    allowDns(ns),
    policy(ns, 'allow-same-namespace', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
          ports: [{ port: 'http' }, { protocol: 'TCP', port: 5432 }],
        },
      ],
      egress: [
        { to: [{ podSelector: {} }] },
        {
          to: [
            {
              namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: partnerTeams(index, teamCount, [-1, -2]) }] },
              podSelector: { matchLabels: { tier: 'api' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    }),
    policy(ns, 'allow-partner-teams', {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }] },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: 'team', operator: 'In', values: partnerTeams(index, teamCount, [1, 2]) },
                  { key: 'env', operator: 'NotIn', values: ['sandbox'] },
                ],
              },
              podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
            },
          ],
          ports: [{ port: 'http' }],
        },
      ],
    }),
    policy(ns, 'allow-monitoring', {
      podSelector: {},
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }],
          ports: [{ port: 'metrics' }],
        },
      ],
    }),
  );
  return { name: ns, objects };
}

function kubeSystem() {
  const dnsPorts = [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ];
  return {
    name: 'kube-system',
    objects: [namespaceObject('kube-system', {}), deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, dnsPorts)],
  };
}

function monitoring() {
  const ns = 'monitoring';
  return {
    name: ns,
    objects: [
      namespaceObject(ns, { team: 'platform' }),
      deployment(ns, 'prometheus', { app: 'prometheus' }, [{ name: 'web', containerPort: 9090, protocol: 'TCP' }]),
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      allowDns(ns),
      policy(ns, 'allow-scrape-everything', {
        podSelector: { matchLabels: { app: 'prometheus' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'metrics' }] }],
      }),
    ],
  };
}

/** How many Admin-tier ClusterNetworkPolicies the admin-tier estate adds (plus one Baseline). */
const ADMIN_POLICIES = 50;

function clusterNetworkPolicy(name, tier, priority, spec) {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, ...spec } };
}

const namespacesNamed = (name) => ({ namespaces: { matchLabels: { [NAME_LABEL]: name } } });

/**
 * The platform team's admin tier over the same estate: a guardrail on the metadata address
 * and monitoring's scrape as Admin Accepts first, then one policy per team (48) that passes
 * in-team traffic and DNS to the namespace owners, refuses sandbox namespaces the database
 * port and denies SMTP to anywhere; and a Baseline default deny for every namespace but
 * kube-system. Distinct priorities: no ambiguity. ADMIN_POLICIES Admin policies in all.
 */
function platform(teamCount) {
  const policies = [
    clusterNetworkPolicy('deny-metadata', 'Admin', 0, {
      subject: { namespaces: {} },
      egress: [{ name: 'no-cloud-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
    }),
    clusterNetworkPolicy('monitoring-scrape', 'Admin', 1, {
      subject: { namespaces: {} },
      ingress: [
        {
          name: 'prometheus-scrapes-metrics',
          action: 'Accept',
          from: [{ pods: { namespaceSelector: { matchLabels: { [NAME_LABEL]: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } } }],
          protocols: [{ destinationNamedPort: 'metrics' }],
        },
      ],
    }),
  ];
  for (let i = 0; policies.length < ADMIN_POLICIES; i++) {
    const team = `team-${i % teamCount}`;
    policies.push(
      clusterNetworkPolicy(`guard-${String(i).padStart(2, '0')}`, 'Admin', 10 + i, {
        subject: { namespaces: { matchLabels: { team } } },
        ingress: [
          { name: 'sandbox-no-database', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'sandbox' } } }], protocols: [{ tcp: { destinationPort: { number: 5432 } } }] },
          { name: 'delegate-in-team', action: 'Pass', from: [{ namespaces: { matchLabels: { team } } }] },
        ],
        egress: [
          { name: 'no-smtp', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }], protocols: [{ tcp: { destinationPort: { number: 25 } } }] },
          { name: 'delegate-dns', action: 'Pass', to: [namespacesNamed('kube-system')], protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }] },
        ],
      }),
    );
  }
  policies.push(
    clusterNetworkPolicy('baseline-default-deny', 'Baseline', 100, {
      subject: { namespaces: { matchExpressions: [{ key: NAME_LABEL, operator: 'NotIn', values: ['kube-system'] }] } },
      ingress: [{ name: 'deny-all-ingress', action: 'Deny', from: [{ namespaces: {} }] }],
      egress: [{ name: 'deny-all-egress', action: 'Deny', to: [{ namespaces: {} }] }],
    }),
  );
  return { name: 'platform', objects: policies };
}

/**
 * The estate as files: `[{ name, objects }]`, one per namespace, in a stable order; with
 * `adminTier`, a `platform` file of admin-tier policies too (see platform).
 * Sizes: namespaces + 2 namespaces, namespaces * 10 + 2 Deployments, namespaces * 5 + 3 policies.
 */
function analyzeEstate(namespaces, { adminTier = false } = {}) {
  const random = seededRandom(SEED);
  const teamCount = Math.max(1, Math.ceil(namespaces / 10));
  const files = [kubeSystem(), monitoring()];
  for (let i = 0; i < namespaces; i++) {
    files.push(applicationNamespace(i, teamCount, random));
  }
  if (adminTier) {
    files.push(platform(teamCount));
  }
  return files;
}

/** What the estate holds, for the results table. */
function analyzeEstateSizes(namespaces, { adminTier = false } = {}) {
  return {
    namespaces: namespaces + 2,
    endpoints: namespaces * SERVICES.length + 2,
    policies: namespaces * 5 + 3,
    ...(adminTier ? { adminPolicies: ADMIN_POLICIES, baselinePolicies: 1 } : {}),
  };
}

module.exports = { analyzeEstate, analyzeEstateSizes };
