import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import type { CrdChannel } from '../model';
import { checkProps, constructPath, FLAG, LABELS, oneOf, optionalProp } from './props-check';

/** Props for `ClusterPolicyChart`. */
export interface ClusterPolicyChartProps extends Omit<ChartProps, 'namespace'> {
  /**
   * The network-policy-api CRD channel installed in the cluster. With `standard`, the
   * experimental fields (`nodes`, `domainNames` peers) are errors at synth, as the API server
   * would reject them; with `experimental`, they are accepted with a warning.
   * @default 'experimental'
   */
  readonly crdChannel?: CrdChannel;
}

/**
 * A chart for cluster-scoped policies (`ClusterNetworkPolicy` and its presets): a cdk8s
 * Chart without a namespace, so nothing in it gets `metadata.namespace`. Policy names are the
 * construct ids, never hashed.
 */
export class ClusterPolicyChart extends Chart {
  /**
   * Plain prototype-chain `instanceof`: the one inherited from `Chart` is true for every Chart.
   */
  public static [Symbol.hasInstance](value: unknown): value is ClusterPolicyChart {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The CRD channel the chart's policies are validated against. */
  public readonly crdChannel: CrdChannel;

  public constructor(scope: Construct, id: string, props: ClusterPolicyChartProps = {}) {
    const path = constructPath(scope, id);
    checkProps<ClusterPolicyChartProps>(path, props, {
      crdChannel: optionalProp(CRD_CHANNEL_PROP),
      labels: optionalProp(LABELS),
      disableResourceNameHashes: optionalProp(FLAG),
    });
    const namespace = (props as ChartProps).namespace;
    if (namespace !== undefined) {
      throw new Error(
        `${path}: a ClusterPolicyChart holds cluster-scoped policies and takes no namespace (got "${namespace}"); ` +
          'put namespaced policies in a NamespacePolicyChart',
      );
    }
    super(scope, id, props);
    this.crdChannel = props.crdChannel ?? 'experimental';
  }
}

/** Every CRD channel, once each (the record makes the compiler hold the list complete). */
const CRD_CHANNELS: Record<CrdChannel, true> = { standard: true, experimental: true };

const CRD_CHANNEL_PROP = oneOf(Object.keys(CRD_CHANNELS));
