import { Construct } from 'constructs';
import { MonitoringPolicies } from './monitoring-policies';
import { PlatformPolicies } from './platform-policies';
import { StorefrontChart } from './plus-interop';
import { MonitoringDeployments, ShopDeployments } from './shop-deployments';
import { ShopPolicies } from './shop-policies';

/**
 * The example estate: one chart (and one output file) per namespace and concern.
 * - shop: workloads selected by label (shop-deployments.ts) and their policies (shop-policies.ts)
 * - monitoring: Prometheus and its policies
 * - storefront: a cdk8s-plus app whose policies take its Deployments as peers (plus-interop.ts)
 * - platform: the cluster-scoped admin and baseline tiers the namespaces refine (platform-policies.ts)
 */
export function defineEstate(app: Construct): void {
  new ShopDeployments(app, 'shop-workloads');
  new ShopPolicies(app, 'shop');
  new MonitoringDeployments(app, 'monitoring-workloads');
  new MonitoringPolicies(app, 'monitoring');
  new StorefrontChart(app, 'storefront');
  new PlatformPolicies(app, 'platform');
}
