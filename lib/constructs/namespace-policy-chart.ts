import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns } from './allow-dns';
import { declareAppNamespace } from './app-estate-model';
import { DefaultDeny } from './default-deny';
import { DnsProvider } from './dns-provider';
import { synthesizeChart } from './chart-synthesis';
import { PolicyEnforcement, setChartEnforcement } from './policy-enforcement';

/** Options for `NamespacePolicyChart.zeroTrustBaseline`. */
export interface ZeroTrustBaselineOptions {
  /**
   * Where the cluster's DNS servers are.
   * @default DnsProvider.coreDns()
   */
  readonly dns?: DnsProvider;
}

/** Props for `NamespacePolicyChart`. */
export interface NamespacePolicyChartProps extends Omit<ChartProps, 'namespace'> {
  /** The namespace every policy of the chart is created in. */
  readonly namespace: string;
  /**
   * Adds the zero-trust baseline (`default-deny-all` and `allow-dns`) at once.
   * @default false
   */
  readonly baseline?: boolean;
  /**
   * How the chart's policies reach the cluster: `staged` emits each as Calico's
   * StagedKubernetesNetworkPolicy (projectcalico.org/v3, Calico 3.30 and later) with the same
   * name and spec, which Calico evaluates and logs but does not enforce; a policy's own
   * `enforcement` prop overrides it. See docs/rollout.md.
   * @default 'enforced'
   */
  readonly enforcement?: PolicyEnforcement;
}

/**
 * A chart holding the NetworkPolicies of one namespace. Policy names are the construct ids,
 * never hashed.
 */
export class NamespacePolicyChart extends Chart {
  /**
   * Plain prototype-chain `instanceof`: the one inherited from `Chart` is true for every Chart,
   * so a plain Chart of the same namespace would count as this namespace's policy chart.
   */
  public static [Symbol.hasInstance](value: unknown): value is NamespacePolicyChart {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  public readonly namespace: string;
  /** What the chart's policies inherit: `enforced` (NetworkPolicy) or `staged` (Calico's StagedKubernetesNetworkPolicy). */
  public readonly enforcement: PolicyEnforcement;

  public constructor(scope: Construct, id: string, props: NamespacePolicyChartProps) {
    super(scope, id, props);
    this.namespace = props.namespace;
    setChartEnforcement(this, props.enforcement);
    this.enforcement = props.enforcement ?? 'enforced';
    declareAppNamespace(this, props.namespace);
    if (props.baseline) {
      this.zeroTrustBaseline();
    }
  }

  /**
   * Renders the chart as cdk8s does, but resolves dependencies and validates only inside this
   * chart (and the app-wide checks of its namespace), so rendering charts one by one as they
   * are built stays linear. `app.synth()` still validates the whole app before writing.
   */
  public override toJson(): any[] {
    return synthesizeChart(this);
  }

  /**
   * Denies all ingress and egress in the namespace (`default-deny-all`) and allows DNS
   * (`allow-dns`); everything else must then be allowed explicitly.
   */
  public zeroTrustBaseline(options: ZeroTrustBaselineOptions = {}): void {
    new DefaultDeny(this, 'default-deny-all');
    new AllowDns(this, 'allow-dns', { provider: options.dns });
  }
}
