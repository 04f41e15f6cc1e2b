import { Construct } from 'constructs';
import { MonitoringPolicies } from './monitoring-policies';
import { ShopPolicies } from './shop-policies';

/** The example estate: one chart (and one output file) per namespace. */
export function defineEstate(app: Construct): void {
  new ShopPolicies(app, 'shop');
  new MonitoringPolicies(app, 'monitoring');
}
