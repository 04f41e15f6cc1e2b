/**
 * Where the pod metadata and spec live in each kind that runs pods: a Pod itself, or the
 * pod template of a workload. Keyed by `group/Kind` (core group is empty).
 */
const POD_TEMPLATE_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['/Pod', []],
  ['/ReplicationController', ['spec', 'template']],
  ['apps/Deployment', ['spec', 'template']],
  ['apps/StatefulSet', ['spec', 'template']],
  ['apps/DaemonSet', ['spec', 'template']],
  ['apps/ReplicaSet', ['spec', 'template']],
  ['batch/Job', ['spec', 'template']],
  ['batch/CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

/** The API group of an apiVersion: `apps` for `apps/v1`, empty for the core `v1`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The field path to the object holding `metadata` and `spec` of the pods this kind runs
 * (`[]` for a Pod), or undefined when the kind runs no pods.
 */
export function podTemplatePath(apiVersion: string, kind: string): readonly string[] | undefined {
  return POD_TEMPLATE_PATHS.get(`${apiGroup(apiVersion)}/${kind}`);
}
