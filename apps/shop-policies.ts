import { Construct } from 'constructs';
import { AllowFrom, AllowMetricsScrape, AllowTo, IpRange, NamespacePolicyChart, Port } from '../lib';
import { ingressController, METRICS_PORT, shop, shopServices } from './shop-workloads';

/**
 * The production shop: zero trust (deny everything, allow DNS), then one policy per flow.
 * A flow inside the namespace needs both sides: egress on the caller, ingress on the callee.
 * Callers call Services, so the flows name them: the ports are each Service's target ports
 * (the named container ports `http` and `https`, 5432), never its `port` (80, 443).
 *
 *   ingress-nginx -> web -> api -> postgres
 *                            api -> payments -> payment provider (HTTPS, outside the cluster)
 *   prometheus (monitoring) -> web, api, payments on the metrics port
 */
export class ShopPolicies extends NamespacePolicyChart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop', baseline: true });

    // The Ingress (shop-deployments.ts) sends shop.example.com to the web Service.
    new AllowFrom(this, 'web-from-ingress', { pods: shopServices.web, from: ingressController });

    new AllowTo(this, 'web-to-api', { pods: shop.web, to: shopServices.api });
    new AllowFrom(this, 'api-from-web', { pods: shopServices.api, from: shop.web });

    new AllowTo(this, 'api-to-postgres', { pods: shop.api, to: shopServices.postgres });
    new AllowFrom(this, 'postgres-from-api', { pods: shopServices.postgres, from: shop.api });

    new AllowTo(this, 'api-to-payments', { pods: shop.api, to: shopServices.payments });
    new AllowFrom(this, 'payments-from-api', { pods: shopServices.payments, from: shop.api });

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
