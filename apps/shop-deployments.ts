import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { METRICS_PORT } from './shop-workloads';

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

/** The shop's Deployments, in the shop namespace. */
export class ShopDeployments extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const metrics = { name: 'metrics', number: METRICS_PORT };
    deployment(this, 'web', { app: 'web' }, 'ghcr.io/example/shop-web:2.3.0', [{ name: 'http', number: 8080 }, metrics]);
    deployment(this, 'api', { app: 'api' }, 'ghcr.io/example/shop-api:5.1.4', [{ name: 'http', number: 8080 }, metrics]);
    deployment(this, 'payments', { app: 'payments' }, 'ghcr.io/example/payments:1.9.0', [{ name: 'https', number: 8443 }, metrics]);
    deployment(this, 'postgres', { app: 'postgres' }, 'postgres:16', [{ name: 'postgres', number: 5432 }]);
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
