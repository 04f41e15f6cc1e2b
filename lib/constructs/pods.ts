import { describe } from './peer';
import { Service, ServiceLike, toService } from './service';
import { isCdk8sPlusWorkload, toWorkload, Workload, WorkloadLike } from './workload';

/**
 * The pods a policy applies to: a workload, or a Service, which stands for the pods its
 * selector picks (and, for ingress, lends the policy its target ports).
 */
export type PodsLike = WorkloadLike | ServiceLike;

/** Pods as a policy takes them: the workload, and the Service when they were given as one. */
export interface Pods {
  readonly workload: Workload;
  /**
   * The Service the pods were given as.
   * @default none: given as a workload
   */
  readonly service?: Service;
}

/** Normalizes a pods input; anything else is refused with an error that starts with `where`. */
export function toPods(pods: PodsLike, where: string): Pods {
  const service = toService(pods);
  if (service) {
    return { workload: service.pods, service };
  }
  if (pods instanceof Workload || isCdk8sPlusWorkload(pods)) {
    return { workload: toWorkload(pods, where) };
  }
  throw new Error(
    `${where}: not pods: give a Workload (Workload.select, Workload.all, Workload.allIn), a Service (Service.select) or a ` +
      `cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service; got ${describe(pods)}`,
  );
}
