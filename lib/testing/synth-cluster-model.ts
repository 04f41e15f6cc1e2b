import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { declaredWorkloads, generatedWorkloadNames } from '../constructs';
import { EndpointObject, ManifestObject, readManifestObject } from '../manifests';
import { ClusterModel, endpointId, parseEndpointId } from '../model';
import { loadAnalysisModel, requireAnalysisModel } from '../workflows';

/** The namespace objects without one are assumed to be in, as `kubectl apply` would. */
const DEFAULT_NAMESPACE = 'default';

/**
 * A workload our constructs name but that no synthesized object defines, as a pod the
 * manifest reader understands. It has no container ports, so named ports never resolve on it.
 */
function declaredPod(workload: { namespace: string; name: string; labels: Record<string, string> }): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: workload.name, namespace: workload.namespace, labels: workload.labels },
    spec: { containers: [] },
  };
}

/** A cdk8s-plus workload's endpoint under its construct id when cdk8s generated its name. */
function withCodeName(object: EndpointObject, renamed: ReadonlyMap<string, string>): EndpointObject {
  const id = renamed.get(endpointId(object.endpoint));
  return id === undefined ? object : { ...object, endpoint: { ...object.endpoint, name: parseEndpointId(id).name } };
}

/**
 * A construct-id name that another synthesized workload also has (two cdk8s-plus workloads
 * with one id in a namespace) is refused: the id would stand for both.
 */
function refuseNameClashes(scope: IConstruct, objects: readonly ManifestObject[], codeNames: ReadonlySet<string>): void {
  const seen = new Map<string, string>();
  for (const object of objects) {
    if (object.role !== 'endpoint' || !codeNames.has(endpointId(object.endpoint))) {
      continue;
    }
    const id = endpointId(object.endpoint);
    const where = `${object.source.file} (${object.kind} ${object.name})`;
    const first = seen.get(id);
    if (first !== undefined) {
      throw new Error(
        `${scope.node.path || '<app>'}: two workloads are both named "${id}" (${first} and ${where}); ` +
          'cdk8s-plus workloads are named by their construct id unless given a metadata.name: give one of them a metadata.name',
      );
    }
    seen.set(id, where);
  }
}

/**
 * Synthesizes every chart in `scope` (an App, a Chart, or any construct holding charts) in
 * memory and builds the cluster model: its NetworkPolicies, its Namespaces, its Pods and
 * workloads as endpoints (a cdk8s-plus workload whose name cdk8s generated under its construct
 * id, as `Workload.of` names it), plus every Workload our constructs reference (`declaredWorkloads`)
 * that no synthesized object defines; Calico's StagedKubernetesNetworkPolicies
 * (`enforcement: 'staged'`) as the NetworkPolicies they stand for. Synthesis runs the charts'
 * validations, so invalid policies throw there; a policy the validator rejects anyway (a raw
 * ApiObject) throws AnalysisRefusedError here.
 */
export function synthClusterModel(scope: IConstruct): ClusterModel {
  const charts = scope.node.findAll().filter((construct): construct is Chart => Chart.isChart(construct));
  const renamed = generatedWorkloadNames(scope);
  const objects: ManifestObject[] = [];
  for (const chart of charts) {
    chart.toJson().forEach((value: unknown, documentIndex: number) => {
      const object = readManifestObject(value, { file: chart.node.path, documentIndex }, DEFAULT_NAMESPACE);
      objects.push(object.role === 'endpoint' ? withCodeName(object, renamed) : object);
    });
  }
  refuseNameClashes(scope, objects, new Set(renamed.values()));
  const defined = new Set(objects.flatMap((object) => (object.role === 'endpoint' ? [endpointId(object.endpoint)] : [])));
  declaredWorkloads(scope)
    .filter((workload) => !defined.has(endpointId(workload)))
    .forEach((workload, documentIndex) => {
      const source = { file: `${scope.node.path || '<app>'} (declared workloads)`, documentIndex };
      objects.push(readManifestObject(declaredPod(workload), source, DEFAULT_NAMESPACE));
    });
  // Staged policies count as enforced: the matchers test what the policies do once enforced.
  return requireAnalysisModel(loadAnalysisModel(objects, { staged: true }));
}
