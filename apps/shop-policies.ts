import { Construct } from 'constructs';
import { AllowFrom, AllowMetricsScrape, AllowTo, IpRange, NamespacePolicyChart, Port } from '../lib';
import { ingressController, METRICS_PORT, shop } from './shop-workloads';

/**
 * The production shop: zero trust (deny everything, allow DNS), then one policy per flow.
 * A flow inside the namespace needs both sides: egress on the caller, ingress on the callee.
 *
 *   ingress-nginx -> web -> api -> postgres
 *                            api -> payments -> payment provider (HTTPS, outside the cluster)
 *   prometheus (monitoring) -> web, api, payments on the metrics port
 */
export class ShopPolicies extends NamespacePolicyChart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop', baseline: true });

    new AllowFrom(this, 'web-from-ingress', { pods: shop.web, from: ingressController, ports: [Port.tcp(8080)] });

    new AllowTo(this, 'web-to-api', { pods: shop.web, to: shop.api, ports: [Port.tcp(8080)] });
    new AllowFrom(this, 'api-from-web', { pods: shop.api, from: shop.web, ports: [Port.tcp(8080)] });

    new AllowTo(this, 'api-to-postgres', { pods: shop.api, to: shop.postgres, ports: [Port.tcp(5432)] });
    new AllowFrom(this, 'postgres-from-api', { pods: shop.postgres, from: shop.api, ports: [Port.tcp(5432)] });

    new AllowTo(this, 'api-to-payments', { pods: shop.api, to: shop.payments, ports: [Port.tcp(8443)] });
    new AllowFrom(this, 'payments-from-api', { pods: shop.payments, from: shop.api, ports: [Port.tcp(8443)] });

    // The payment provider publishes its API ranges; 203.0.113.0/24 stands in for them here.
    new AllowTo(this, 'payments-to-provider', {
      pods: shop.payments,
      to: IpRange.cidr('203.0.113.0/24'),
      ports: [Port.tcp(443)],
    });

    for (const [name, workload] of Object.entries({ web: shop.web, api: shop.api, payments: shop.payments })) {
      new AllowMetricsScrape(this, `${name}-metrics-scrape`, { pods: workload, port: Port.tcp(METRICS_PORT) });
    }
  }
}
