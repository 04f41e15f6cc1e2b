import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { declaredWorkloads } from '../constructs';
import { ManifestObject, readManifestObject } from '../manifests';
import { ClusterModel, endpointId } from '../model';
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

/**
 * Synthesizes every chart in `scope` (an App, a Chart, or any construct holding charts) in
 * memory and builds the cluster model: its NetworkPolicies, its Namespaces, its Pods and
 * workloads as endpoints, plus every Workload our constructs reference (`declaredWorkloads`)
 * that no synthesized object defines. Synthesis runs the charts' validations, so invalid
 * policies throw there; a policy the validator rejects anyway (a raw ApiObject) throws
 * AnalysisRefusedError here.
 */
export function synthClusterModel(scope: IConstruct): ClusterModel {
  const charts = scope.node.findAll().filter((construct): construct is Chart => Chart.isChart(construct));
  const objects: ManifestObject[] = [];
  for (const chart of charts) {
    chart.toJson().forEach((value: unknown, documentIndex: number) => {
      objects.push(readManifestObject(value, { file: chart.node.path, documentIndex }, DEFAULT_NAMESPACE));
    });
  }
  const defined = new Set(objects.flatMap((object) => (object.role === 'endpoint' ? [endpointId(object.endpoint)] : [])));
  declaredWorkloads(scope)
    .filter((workload) => !defined.has(endpointId(workload)))
    .forEach((workload, documentIndex) => {
      const source = { file: `${scope.node.path || '<app>'} (declared workloads)`, documentIndex };
      objects.push(readManifestObject(declaredPod(workload), source, DEFAULT_NAMESPACE));
    });
  return requireAnalysisModel(loadAnalysisModel(objects));
}
