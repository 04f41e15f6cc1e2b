import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { METRICS_PORT, SHOP_SERVICES } from './shop-workloads';

/** One container port: its name (what a policy's named port refers to) and number. */
interface NamedPort {
  readonly name: string;
  readonly number: number;
}

/**
 * A Deployment whose pods carry exactly the labels the policies select on. The policies
 * in shop-policies.ts select by these labels (Workload.select), not by the objects: the
 * label is the contract between the team that deploys and the team that writes policy.
 */
function deployment(scope: Construct, name: string, labels: Record<string, string>, image: string, ports: NamedPort[]): void {
  new kplus.Deployment(scope, name, {
    metadata: { name },
    podMetadata: { labels },
    containers: [
      {
        name,
        image,
        ports: ports.map((port) => ({ name: port.name, number: port.number })),
        securityContext: { ensureNonRoot: false },
      },
    ],
  });
}

/** A Service as SHOP_SERVICES describes it, written with the generated L1 (cdk8s-plus types targetPort as a number). */
function service(scope: Construct, name: keyof typeof SHOP_SERVICES): void {
  const { selector, ports } = SHOP_SERVICES[name];
  new kplus.k8s.KubeService(scope, `${name}-service`, {
    metadata: { name },
    spec: {
      selector,
      ports: ports.map((port) => ({
        name: port.name,
        port: port.port,
        ...('targetPort' in port ? { targetPort: kplus.k8s.IntOrString.fromString(port.targetPort) } : {}),
      })),
    },
  });
}

/**
 * The shop's Deployments and the Services in front of them, in the shop namespace, and the
 * Ingress that sends shop.example.com to the web Service (the ingress controller's traffic).
 */
export class ShopDeployments extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const metrics = { name: 'metrics', number: METRICS_PORT };
    deployment(this, 'web', { app: 'web' }, 'ghcr.io/example/shop-web:2.3.0', [{ name: 'http', number: 8080 }, metrics]);
    deployment(this, 'api', { app: 'api' }, 'ghcr.io/example/shop-api:5.1.4', [{ name: 'http', number: 8080 }, metrics]);
    deployment(this, 'payments', { app: 'payments' }, 'ghcr.io/example/payments:1.9.0', [{ name: 'https', number: 8443 }, metrics]);
    deployment(this, 'postgres', { app: 'postgres' }, 'postgres:16', [{ name: 'postgres', number: 5432 }]);
    for (const name of ['web', 'api', 'payments', 'postgres'] as const) {
      service(this, name);
    }
    new kplus.k8s.KubeIngress(this, 'shop-ingress', {
      metadata: { name: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
      },
    });
  }
}

/** Prometheus, in the monitoring namespace. */
export class MonitoringDeployments extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'monitoring' });
    deployment(this, 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }, 'quay.io/prometheus/prometheus:v2.53.0', [
      { name: 'web', number: 9090 },
    ]);
  }
}
