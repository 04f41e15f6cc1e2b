import { Analyzer } from '../../lib/analysis/analyzer';
import { ClusterModel, Endpoint, NetworkPolicy, NetworkPolicySpec } from '../../lib/model';

/**
 * A small shop: web -> api -> db in namespace `shop`, everything there denied by default,
 * Prometheus in `monitoring` (no policies there) scraping 9090, the web tier open to the
 * world on 8080 and allowed out to the internet on 443.
 */
function endpoint(namespace: string, name: string, labels: Record<string, string>, ports: Endpoint['ports'] = []): Endpoint {
  return { namespace, name, kind: 'Deployment', labels, ports, ips: [] };
}

function policy(namespace: string, name: string, spec: NetworkPolicySpec): { policy: NetworkPolicy } {
  return { policy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec } };
}

export const SHOP_MODEL: ClusterModel = {
  namespaces: [
    { name: 'shop', labels: {} },
    { name: 'monitoring', labels: {} },
  ],
  endpoints: [
    endpoint('shop', 'web-1.v2', { app: 'web' }),
    endpoint('shop', 'api', { app: 'api' }),
    endpoint('shop', 'db', { app: 'db' }, [{ name: 'postgres', port: 5432, protocol: 'TCP' }]),
    endpoint('monitoring', 'prometheus', { app: 'prometheus' }),
  ],
  policies: [
    policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('shop', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ ports: [{ port: 8080 }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080 }] },
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] },
      ],
    }),
    policy('shop', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'postgres' }] }],
    }),
    policy('shop', 'db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
    }),
    policy('shop', 'allow-metrics', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          ports: [{ port: 9090 }, { protocol: 'UDP', port: 8125, endPort: 8126 }],
        },
      ],
    }),
  ],
};

export const INTERNET = { label: '203.0.113.10', addresses: ['203.0.113.10'] };

export function shopAnalyzer(): Analyzer {
  return new Analyzer(SHOP_MODEL);
}
