import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, Port } from '../lib';
import { ingressController } from './shop-workloads';

/** Props for `StorefrontChart`. */
export interface StorefrontChartProps extends ChartProps {
  /**
   * The namespace everything in the chart lives in.
   * @default 'storefront'
   */
  readonly namespace?: string;
}

/**
 * A cdk8s-plus-28 Deployment plus the Service in front of it, with given names. (The
 * Service selects by cdk8s-plus's generated `cdk8s.io/metadata.addr` label; the policies
 * select by `app`, which Workload.of reads from the pod template.)
 */
function service(scope: Construct, name: string, image: string, port: number): kplus.Deployment {
  const deployment = new kplus.Deployment(scope, name, {
    metadata: { name },
    podMetadata: { labels: { app: name } },
    containers: [{ name, image, ports: [{ name: 'serve', number: port }], securityContext: { ensureNonRoot: false } }],
  });
  deployment.exposeViaService({ name, ports: [{ port, targetPort: port }] });
  return deployment;
}

/**
 * An app written with cdk8s-plus-28 (Deployments and Services) whose policies take the
 * Deployments themselves as `pods`, `from` and `to`: the pod labels and namespace come from
 * the objects, so a relabelled Deployment cannot drift away from its policies.
 *
 * ingress-nginx --8080--> frontend --8080--> catalog --5432--> postgres, plus DNS for every
 * pod; nothing else. The Ingress (a raw cdk8s-plus L1 `KubeIngress`) routes to the frontend
 * Service: `netpol reach dist --ingress-controller ingress-nginx/app.kubernetes.io/name=ingress-nginx`
 * shows the controller's flow to it on the Service's target port.
 */
export class StorefrontChart extends Chart {
  constructor(scope: Construct, id: string, props: StorefrontChartProps = {}) {
    super(scope, id, { ...props, namespace: props.namespace ?? 'storefront' });
    const frontend = service(this, 'frontend', 'nginx:1.27', 8080);
    const catalog = service(this, 'catalog', 'ghcr.io/example/catalog:1.4', 8080);
    const postgres = service(this, 'postgres', 'postgres:16', 5432);

    new DefaultDeny(this, 'default-deny-all');
    new AllowDns(this, 'allow-dns');
    new AllowFrom(this, 'frontend-from-ingress', { pods: frontend, from: ingressController, ports: [Port.tcp(8080)] });
    new AllowTo(this, 'frontend-to-catalog', { pods: frontend, to: catalog, ports: [Port.tcp(8080)] });
    new AllowFrom(this, 'catalog-from-frontend', { pods: catalog, from: frontend, ports: [Port.tcp(8080)] });
    new AllowTo(this, 'catalog-to-postgres', { pods: catalog, to: postgres, ports: [Port.tcp(5432)] });
    new AllowFrom(this, 'postgres-from-catalog', { pods: postgres, from: catalog, ports: [Port.tcp(5432)] });
    new kplus.k8s.KubeIngress(this, 'storefront-ingress', {
      metadata: { name: 'storefront' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 8080 } } } }] },
          },
        ],
      },
    });
  }
}
