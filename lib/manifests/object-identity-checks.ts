import { Finding, childPath, dns1123LabelErrors, inRule, invalid, isObject, objectNameErrors, validateLabels } from '../validate';
import { apiGroup, podTemplatePath } from '../model';
import type { ManifestObject } from './manifest-object';

/**
 * The API server's checks of what netpol reads into its model and shows in every answer:
 * the name as the kind requires it (objectNameErrors), the namespace (a DNS-1123 label,
 * ValidateObjectMeta), the labels of a Namespace and of the pods a Pod or workload runs, and
 * a Service's selector (ValidateLabels). An object failing them is refused by the API server,
 * so it is left out, and no name or label that a terminal or a Markdown page would read as
 * markup reaches a verdict.
 */

/** The raw value at a field path of an untrusted object; undefined where a step is no mapping. */
function valueAt(object: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const field of path) {
    value = isObject(value) ? value[field] : undefined;
  }
  return value;
}

/** The labels that become model labels, with the path they are at. */
function readLabels(object: ManifestObject): { readonly path: readonly string[]; readonly rule: 'api-object-meta' | 'api-label-selector' } | undefined {
  switch (object.role) {
    case 'namespace':
      return { path: ['metadata', 'labels'], rule: 'api-object-meta' };
    case 'endpoint':
      return { path: [...(podTemplatePath(object.apiVersion, object.kind) ?? []), 'metadata', 'labels'], rule: 'api-object-meta' };
    case 'service':
      return { path: ['spec', 'selector'], rule: 'api-label-selector' };
    default:
      return undefined;
  }
}

/** The errors the API server finds in a Namespace, Pod, workload or Service's name, namespace and labels. */
export function identityErrors(object: ManifestObject): Finding[] {
  const labels = readLabels(object);
  if (!labels) {
    return [];
  }
  const metadata = valueAt(object.raw, ['metadata']);
  const ownNamespace = isObject(metadata) ? metadata.namespace : undefined;
  const meta = [
    ...objectNameErrors(apiGroup(object.apiVersion), object.kind, object.name).map((message) => invalid('metadata.name', object.name, message)),
    ...(typeof ownNamespace === 'string' && ownNamespace !== ''
      ? dns1123LabelErrors(ownNamespace).map((message) => invalid('metadata.namespace', ownNamespace, message))
      : []),
  ];
  const labelErrors = validateLabels(valueAt(object.raw, labels.path), labels.path.reduce(childPath, ''));
  return [...inRule('api-object-meta', meta), ...inRule(labels.rule, labelErrors)];
}
