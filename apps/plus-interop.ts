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
 * A cdk8s-plus-28 Deployment plus the Service in front of it, with given names. The Service
 * selects the pods by `app` (rather than cdk8s-plus's generated `cdk8s.io/metadata.addr`, as
 * `exposeViaService` would), so policies read the same with either as pods or peer: a policy
 * writes the Service's selector as is, and Workload.of reads `app` from the pod template.
 */
function service(scope: Construct, name: string, image: string, port: number): { deployment: kplus.Deployment; service: kplus.Service } {
  const deployment = new kplus.Deployment(scope, name, {
    metadata: { name },
    podMetadata: { labels: { app: name } },
    containers: [{ name, image, ports: [{ name: 'serve', number: port }], securityContext: { ensureNonRoot: false } }],
  });
  const front = new kplus.Service(deployment, `${name}Service`, { metadata: { name }, ports: [{ port, targetPort: port }] });
  front.selectLabel('app', name);
  return { deployment, service: front };
}

/**
 * An app written with cdk8s-plus-28 (Deployments and Services) whose policies take the
 * objects themselves as `pods`, `from` and `to`: the pod labels, namespace and ports come
 * from them, so a relabelled Deployment or a re-ported Service cannot drift away from its
 * policies. Callers call Services: egress goes to a Service, and the ingress the Ingress needs
 * is on the frontend Service, on its target ports; the other ingress policies take the
 * Deployments with their pod ports.
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
    new AllowFrom(this, 'frontend-from-ingress', { pods: frontend.service, from: ingressController });
    new AllowTo(this, 'frontend-to-catalog', { pods: frontend.deployment, to: catalog.service });
    new AllowFrom(this, 'catalog-from-frontend', { pods: catalog.deployment, from: frontend.deployment, ports: [Port.tcp(8080)] });
    new AllowTo(this, 'catalog-to-postgres', { pods: catalog.deployment, to: postgres.service });
    new AllowFrom(this, 'postgres-from-catalog', { pods: postgres.deployment, from: catalog.deployment, ports: [Port.tcp(5432)] });
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
