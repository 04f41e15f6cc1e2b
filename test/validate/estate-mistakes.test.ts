import { ManifestObject, parseDocuments, readManifestObject } from '../../lib/manifests';
import { RuleId } from '../../lib/validate';
import { checkManifestSet, reviewFindings } from '../../lib/workflows';

/**
 * The mistakes `netpol validate` catches across a manifest set (issue #10, item 5): each case
 * shows the finding with its rule id, its acknowledgement by annotation on the object, and a
 * corrected input that does not trigger it. `ACK` in a policy's metadata is where the
 * annotation goes.
 */

function objects(text: string): ManifestObject[] {
  return parseDocuments(text, 'input.yaml').map(({ documentIndex, value }) => readManifestObject(value, { file: 'input.yaml', documentIndex }, 'default'));
}

/** The findings of `rule` on the input, with `ACK` acknowledging `rule` or removed. */
function review(yaml: string, rule: RuleId, acknowledge = false) {
  const annotation = acknowledge ? `, annotations: { netpol.dev/acknowledge: ${rule}, netpol.dev/acknowledge-reason: "on purpose" }` : '';
  const input = objects(yaml.replace(/ ACK/g, annotation));
  return reviewFindings(checkManifestSet(input), input, { today: '2026-01-01' }).findings.filter((finding) => finding.rule === rule);
}

const deployment = (namespace: string, name: string, labels: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { ${labels} } }
  template:
    metadata: { labels: { ${labels} } }
    spec: { containers: [{ name: main, image: app:1 }] }
---
`;

const DNS = '    - ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]\n';

interface MistakeCase {
  readonly rule: RuleId;
  /** The input with the mistake. */
  readonly mistake: string;
  /** The same input corrected. */
  readonly fixed: string;
  /** The policy the finding is on, and the field. */
  readonly on: { readonly name: string; readonly path: string };
  readonly message: RegExp;
}

const CASES: MistakeCase[] = [
  {
    rule: 'undeclared-namespace',
    mistake: `apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-prometheus, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitorng } } }]
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } } }]
`,
    fixed: 'monitorng -> monitoring',
    on: { name: 'web-from-prometheus', path: 'spec.ingress[0].from[0].namespaceSelector.matchLabels' },
    message: /^namespace "monitorng" is not declared and no object lives in it, so this peer matches no pod there; did you mean "monitoring"\?$/,
  },
  {
    rule: 'unmatched-peer-selector',
    mistake: `${deployment('shop', 'web', 'app: web')}${deployment('shop', 'api', 'app: api')}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: wbe } } }]
`,
    fixed: 'app: wbe -> app: web',
    on: { name: 'api-from-web', path: 'spec.ingress[0].from[0].podSelector' },
    message: /^matches none of the 2 known workloads in namespace "shop", so this peer matches no pod/,
  },
  {
    rule: 'peer-and-or',
    mistake: `apiVersion: v1
kind: Namespace
metadata: { name: monitoring, labels: { team: monitoring } }
---
${deployment('monitoring', 'grafana', 'app: grafana')}${deployment('shop', 'prometheus', 'app: prometheus')}${deployment('shop', 'web', 'app: web')}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-monitoring, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { team: monitoring } }
          podSelector: { matchLabels: { app: prometheus } }
`,
    fixed: '          podSelector: { matchLabels: { app: prometheus } } ->         - podSelector: { matchLabels: { app: prometheus } }',
    on: { name: 'web-from-monitoring', path: 'spec.ingress[0].from[0]' },
    message: /^did you mean namespaceSelector OR podSelector\? In one peer they are an AND, and no pod with app=prometheus runs in the namespaces it selects \("monitoring"\), though pods with it run in "shop"/,
  },
  {
    rule: 'half-open-flow',
    mistake: `${deployment('shop', 'web', 'app: web')}${deployment('shop', 'api', 'app: api')}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
${DNS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-to-api, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
      ports: [{ port: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: 9999 }]
`,
    fixed: 'port: 9999 -> port: 8080',
    on: { name: 'web-to-api', path: 'spec.egress[0].to[0]' },
    message: /^allows the flow shop\/web -> shop\/api, but shop\/api is isolated for ingress and no policy admits the source on these ports: the flow is half open/,
  },
  {
    rule: 'half-open-flow',
    mistake: `${deployment('shop', 'web', 'app: web')}${deployment('shop', 'api', 'app: api')}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-dns-only, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
${DNS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: 8080 }]
`,
    fixed: `${DNS} -> ${DNS}    - to: [{ namespaceSelector: {} }]\n`,
    on: { name: 'api-from-web', path: 'spec.ingress[0].from[0]' },
    message: /^admits the flow shop\/web -> shop\/api, but shop\/web is isolated for egress and no policy lets it send to the destination/,
  },
  {
    rule: 'workload-blocked-dns',
    mistake: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-to-api, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
`,
    fixed: `app: api } } }]\n -> app: api } } }]\n${DNS}`,
    on: { name: 'web-to-api', path: 'spec.podSelector' },
    message: /^DNS is blocked for the pods of namespace "shop" with app=web: this policy isolates them for egress, and no policy that selects all of them allows egress on UDP 53 and TCP 53/,
  },
  {
    rule: 'workload-blocked-dns',
    mistake: `${deployment('shop', 'web', 'app: web, tier: front')}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-to-api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: front-dns, namespace: shop ACK }
spec:
  podSelector: { matchLabels: { tier: front } }
  policyTypes: [Egress]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { name: kube-system } } }]
      ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]
`,
    fixed: 'name: kube-system -> kubernetes.io/metadata.name: kube-system',
    on: { name: 'front-dns', path: 'spec.podSelector' },
    message:
      /^DNS is blocked for shop\/web: the policies that isolate it for egress \(front-dns, web-to-api\) allow no egress on UDP 53 and TCP 53; .*; a rule opens port 53 only to namespaces selected by the label "name"/,
  },
  {
    rule: 'blocked-dns',
    mistake: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop ACK }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { name: kube-system } } }]
      ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]
`,
    fixed: 'name: kube-system -> kubernetes.io/metadata.name: kube-system',
    on: { name: 'default-deny', path: 'spec.podSelector' },
    message: /^DNS is blocked: .*; a rule opens port 53 only to namespaces selected by the label "name", which Kubernetes never sets/,
  },
];

/** The corrected input: `fixed` is `from -> to` edits separated by `; `. */
function corrected(c: MistakeCase): string {
  return c.fixed.split('; ').reduce((text, edit) => {
    const [from, to] = edit.split(' -> ');
    if (!text.includes(from)) {
      throw new Error(`the edit ${JSON.stringify(edit)} does not apply`);
    }
    return text.split(from).join(to);
  }, c.mistake);
}

describe.each(CASES)('netpol validate catches $rule', (c) => {
  test('the finding names its rule, the policy and the field; the annotation acknowledges it', () => {
    const found = review(c.mistake, c.rule).filter((finding) => finding.name === c.on.name);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', rule: c.rule, kind: 'NetworkPolicy', namespace: 'shop', name: c.on.name, path: c.on.path });
    expect(found[0].message).toMatch(c.message);
    expect(found[0].acknowledged).toBeUndefined();
    const acknowledged = review(c.mistake, c.rule, true).filter((finding) => finding.name === c.on.name);
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0].acknowledged).toMatchObject({ by: 'annotation', reason: 'on purpose' });
  });

  test('the corrected input does not trigger it', () => {
    expect(review(corrected(c), c.rule)).toEqual([]);
  });
});

describe('blocked DNS on the name label', () => {
  test('a namespace labelled "name" by hand, declared in the input, is a DNS namespace after all', () => {
    const declared = `apiVersion: v1\nkind: Namespace\nmetadata: { name: kube-system, labels: { name: kube-system } }\n---\n${CASES.find((c) => c.rule === 'blocked-dns')?.mistake}`;
    expect(review(declared, 'blocked-dns')).toEqual([]);
    expect(review(declared, 'namespace-name-label')).toHaveLength(1);
  });
});
