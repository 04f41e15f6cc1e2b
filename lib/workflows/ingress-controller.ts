import type { Explanation, PortProbe } from '../analysis';
import { ClusterModel, endpointId } from '../model';
import { IngressControllerRef } from './service-reference';
import { ServiceProbe } from './service-probe';

/** How reports name the ingress controller when its pods are not endpoints of the inputs. */
export const INGRESS_CONTROLLER_PLACEHOLDER = '{ingress-controller}';

/**
 * The ingress controller as a source of traffic: its endpoints in the inputs (those in the
 * namespace of `--ingress-controller` whose labels have every term of it), or, when none is,
 * a stand-in pod with exactly those labels in that namespace; with no `--ingress-controller`,
 * the placeholder `{ingress-controller}`, allowed exactly when the backend admits a pod of
 * which nothing is known (see ServiceProbe) or an address outside the cluster.
 */
export class IngressController {
  /** The controller's endpoints in the inputs; empty when it is a stand-in or the placeholder. */
  readonly endpoints: readonly string[];
  /** How reports name it when it has no endpoint: `{ingress-controller}` or `ns/key=value`. */
  readonly label: string;
  readonly probe: ServiceProbe;
  private readonly ref?: IngressControllerRef;

  constructor(model: ClusterModel, ref?: IngressControllerRef, probe?: ServiceProbe) {
    this.ref = ref;
    this.endpoints = ref
      ? model.endpoints
          .filter((endpoint) => endpoint.namespace === ref.namespace && Object.entries(ref.labels).every(([key, value]) => endpoint.labels[key] === value))
          .map(endpointId)
          .sort()
      : [];
    const standIn = ref && this.endpoints.length === 0 ? [{ namespace: ref.namespace, labels: ref.labels }] : [];
    this.probe = probe && standIn.length === 0 ? probe : new ServiceProbe(model, probe?.analyzer, standIn);
    this.label = ref ? `${ref.namespace}/${Object.entries(ref.labels).map(([key, value]) => `${key}=${value}`).join(',')}` : INGRESS_CONTROLLER_PLACEHOLDER;
  }

  /** Whether the controller is known: named by `--ingress-controller`, not the placeholder. */
  get known(): boolean {
    return this.ref !== undefined;
  }

  /**
   * The controller's flows to one backend pod on its target port: one per controller endpoint
   * (`from` its id), or one for the stand-in or placeholder (`from` this.label). For the
   * placeholder, `explanation` is undefined: it is a rule about what is admitted, not a flow.
   */
  flowsTo(to: string, probe: PortProbe): { readonly from: string; readonly allowed: boolean; readonly explanation?: Explanation }[] {
    if (this.endpoints.length > 0) {
      return this.endpoints.map((from) => {
        const explanation = this.probe.explain(from, to, probe);
        return { from, allowed: explanation.allowed, explanation };
      });
    }
    if (this.ref) {
      const explanation = this.probe.explainFromStandIn(0, to, probe);
      return [{ from: this.label, allowed: explanation.allowed, explanation }];
    }
    return [{ from: this.label, allowed: this.probe.admitsUnknownPod(to, probe) || this.probe.admitsOutside(to, probe) }];
  }
}
