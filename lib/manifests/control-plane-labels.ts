import { Endpoint, apiGroup } from '../model';
import { JsonObject, isAbsent, isObject } from '../validate';
import { FieldReader } from './field-reader';
import { describeValue } from './manifest-error';
import { EndpointObject } from './manifest-object';

/*
 * The labels the control plane puts on the pods of a workload, beyond its template's, as of
 * Kubernetes 1.28 (every label below exists there, with its default feature gates):
 * - Job (pkg/registry/batch/job/strategy.go, generateSelector): unless spec.manualSelector is
 *   true, the API server adds to the template `job-name` and `batch.kubernetes.io/job-name`
 *   (the Job's name; the prefixed one since 1.27) and `controller-uid` and
 *   `batch.kubernetes.io/controller-uid` (the Job's uid, assigned on creation), each only
 *   when the template does not set it already. Indexed Jobs' pods also get
 *   `batch.kubernetes.io/job-completion-index` (job controller, PodIndexLabel, 1.28), one per pod.
 * - CronJob: its Jobs are named `<cronjob>-<scheduled time>` by the cronjob controller, so the
 *   job-name labels of their pods are not known from the CronJob, nor is the uid.
 * - Deployment: the deployment controller sets `pod-template-hash` on its ReplicaSets'
 *   templates, a hash of the template (pkg/controller/deployment/sync.go); not known from the
 *   Deployment (a ReplicaSet's template carries it).
 * - DaemonSet: `controller-revision-hash` (a hash) and `pod-template-generation`
 *   (metadata.generation, known when the input has it) (pkg/controller/daemon/util).
 * - StatefulSet: `controller-revision-hash` (a hash), `statefulset.kubernetes.io/pod-name`
 *   (`<name>-<ordinal>`) and `apps.kubernetes.io/pod-index` (the ordinal, PodIndexLabel,
 *   1.28) (pkg/controller/statefulset/stateful_set_utils.go). Ordinals start at
 *   spec.ordinals.start (default 0) and count spec.replicas (defaulted to 1 by the API server).
 * - ReplicaSet, ReplicationController: nothing.
 */

const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const JOB_COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Set on every StatefulSet pod: its name. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/**
 * A StatefulSet with more replicas than this is one endpoint with a note rather than one
 * endpoint per replica: it bounds the work an input can ask for.
 */
export const MAX_STATEFULSET_REPLICAS = 1000;

/** Labels being built: known values, and keys set with a value the input does not tell. */
class PodLabels {
  readonly known: Record<string, string>;
  readonly unknown = new Set<string>();

  constructor(template: Readonly<Record<string, string>>) {
    this.known = { ...template };
  }

  /** A label the control plane adds only when the template lacks it. */
  addIfAbsent(key: string, value: string | undefined): void {
    if (Object.prototype.hasOwnProperty.call(this.known, key)) {
      return;
    }
    if (value === undefined) {
      this.unknown.add(key);
    } else {
      this.known[key] = value;
    }
  }

  /** A label the control plane sets whatever the template says. */
  overwrite(key: string, value: string | undefined): void {
    delete this.known[key];
    this.addIfAbsent(key, value);
  }

  endpoint(base: Endpoint, extra: Partial<Endpoint> = {}): Endpoint {
    const unknownLabels = [...this.unknown].sort();
    return { ...base, labels: { ...this.known }, ...(unknownLabels.length > 0 ? { unknownLabels } : {}), ...extra };
  }
}

function optionalInteger(reader: FieldReader, value: unknown, path: string): number | undefined {
  if (isAbsent(value)) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    reader.fail(path, `must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

function field(object: JsonObject, ...path: string[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

/** The Job labels the API server generates, for a Job spec (`jobSpec`) whose name may be unknown. */
function addJobLabels(labels: PodLabels, jobSpec: unknown, jobName: string | undefined): void {
  if (field({ jobSpec }, 'jobSpec', 'manualSelector') !== true) {
    JOB_NAME_LABELS.forEach((key) => labels.addIfAbsent(key, jobName));
    CONTROLLER_UID_LABELS.forEach((key) => labels.addIfAbsent(key, undefined));
  }
  if (field({ jobSpec }, 'jobSpec', 'completionMode') === 'Indexed') {
    labels.overwrite(JOB_COMPLETION_INDEX_LABEL, undefined);
  }
}

function statefulSetEndpoints(object: EndpointObject, labels: PodLabels, reader: FieldReader): Endpoint[] {
  const replicas = optionalInteger(reader, field(object.raw, 'spec', 'replicas'), 'spec.replicas') ?? 1;
  const start = optionalInteger(reader, field(object.raw, 'spec', 'ordinals', 'start'), 'spec.ordinals.start') ?? 0;
  const workload = { kind: object.kind, name: object.name };
  labels.overwrite(CONTROLLER_REVISION_HASH_LABEL, undefined);
  if (replicas === 0 || replicas > MAX_STATEFULSET_REPLICAS) {
    labels.overwrite(STATEFULSET_POD_NAME_LABEL, undefined);
    labels.overwrite(POD_INDEX_LABEL, undefined);
    const why = replicas === 0 ? 'spec.replicas is 0' : `spec.replicas is ${replicas}, over ${MAX_STATEFULSET_REPLICAS}`;
    return [labels.endpoint(object.endpoint, { caveats: [`StatefulSet: ${why}; one endpoint stands for every replica and its per-pod labels are unknown`] })];
  }
  return Array.from({ length: replicas }, (_, offset) => {
    const ordinal = start + offset;
    const name = `${object.name}-${ordinal}`;
    const pod = new PodLabels(labels.known);
    labels.unknown.forEach((key) => pod.unknown.add(key));
    pod.overwrite(STATEFULSET_POD_NAME_LABEL, name);
    pod.overwrite(POD_INDEX_LABEL, String(ordinal));
    return pod.endpoint(object.endpoint, { name, kind: 'Pod', workload });
  });
}

/**
 * The endpoints a workload's pod template stands for, with the labels the control plane
 * adds to its pods: one endpoint, or one per replica for a StatefulSet. A Pod is itself.
 */
export function templateEndpoints(object: EndpointObject): Endpoint[] {
  const reader = new FieldReader(object.source);
  const labels = new PodLabels(object.endpoint.labels);
  switch (`${apiGroup(object.apiVersion)}/${object.kind}`) {
    case 'batch/Job':
      addJobLabels(labels, field(object.raw, 'spec'), object.name);
      break;
    case 'batch/CronJob':
      addJobLabels(labels, field(object.raw, 'spec', 'jobTemplate', 'spec'), undefined);
      break;
    case 'apps/Deployment':
      labels.overwrite(POD_TEMPLATE_HASH_LABEL, undefined);
      break;
    case 'apps/DaemonSet': {
      labels.overwrite(CONTROLLER_REVISION_HASH_LABEL, undefined);
      const generation = optionalInteger(reader, field(object.raw, 'metadata', 'generation'), 'metadata.generation');
      labels.overwrite(POD_TEMPLATE_GENERATION_LABEL, generation === undefined ? undefined : String(generation));
      break;
    }
    case 'apps/StatefulSet':
      return statefulSetEndpoints(object, labels, reader);
    default:
      return [object.endpoint];
  }
  return [labels.endpoint(object.endpoint)];
}
