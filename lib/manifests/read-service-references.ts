import { ServiceCaller, ServiceReference, WebhookFailurePolicy, apiGroup } from '../model';
import { JsonObject, isAbsent } from '../validate';
import { FieldReader } from './field-reader';
import { readPortNumber, readPortNumberOrName } from './read-service';

/** A reference as read, before the referring object's identity is added. */
type ReadReference = Pick<ServiceReference, 'path' | 'service' | 'port' | 'webhook'>;

/** How one kind of object refers to Services. */
interface ReferringKind {
  /** Whether objects of the kind live in a namespace. */
  readonly namespaced: boolean;
  readonly caller: ServiceCaller;
  readonly read: (reader: FieldReader, object: JsonObject, namespace: string | undefined) => ReadReference[];
}

/**
 * The Service a networking.k8s.io/v1 IngressBackend names (`backend.service`, in the
 * Ingress's namespace: IngressServiceBackend "The service must exist in the same namespace as
 * the Ingress object"), or none for a `resource` backend. ServiceBackendPort: `name` and
 * `number` are mutually exclusive, and one is required.
 */
function ingressBackend(reader: FieldReader, value: unknown, path: string, namespace: string): ReadReference[] {
  const backend = reader.optionalMapping(value, path);
  const service = reader.optionalMapping(backend?.service, `${path}.service`);
  if (!service) {
    return [];
  }
  const servicePath = `${path}.service`;
  const name = reader.optionalString(service.name, `${servicePath}.name`) || reader.fail(`${servicePath}.name`, 'required: the name of a Service');
  const port = reader.mapping(service.port, `${servicePath}.port`);
  const byName = reader.optionalString(port.name, `${servicePath}.port.name`) || undefined;
  const byNumber = isAbsent(port.number) || port.number === 0 ? undefined : port.number;
  if ((byName === undefined) === (byNumber === undefined)) {
    reader.fail(`${servicePath}.port`, 'must set exactly one of name and number');
  }
  const portValue = byName !== undefined ? readPortNumberOrName(reader, byName, `${servicePath}.port.name`) : readPortNumber(reader, byNumber, `${servicePath}.port.number`);
  return [{ path: servicePath, service: { namespace, name }, port: portValue }];
}

function readIngress(reader: FieldReader, object: JsonObject, namespace: string | undefined): ReadReference[] {
  const ns = namespace as string;
  const spec = reader.optionalMapping(object.spec, 'spec') ?? {};
  const references = ingressBackend(reader, spec.defaultBackend, 'spec.defaultBackend', ns);
  reader.list(spec.rules, 'spec.rules').forEach((rule, ruleIndex) => {
    const rulePath = `spec.rules[${ruleIndex}]`;
    const http = reader.optionalMapping(reader.mapping(rule, rulePath).http, `${rulePath}.http`);
    reader.list(http?.paths, `${rulePath}.http.paths`).forEach((entry, pathIndex) => {
      const path = `${rulePath}.http.paths[${pathIndex}]`;
      references.push(...ingressBackend(reader, reader.mapping(entry, path).backend, `${path}.backend`, ns));
    });
  });
  return references;
}

/**
 * Gateway API `spec.rules[].backendRefs[]` (HTTPBackendRef, GRPCBackendRef, both a
 * BackendObjectReference; kubernetes-sigs/gateway-api apis/v1/object_reference_types.go):
 * `group` "When unspecified or empty string, core API group is inferred", `kind` "Defaults to
 * Service", `namespace` "When unspecified, the local namespace is inferred", and `port` "is
 * required when the referent is a Kubernetes Service ... the service port number, not the
 * target port" (a CEL rule of the CRD: "Must have port for Service reference"). References to
 * other kinds are not Services and are not read further.
 */
function readRoute(reader: FieldReader, object: JsonObject, namespace: string | undefined): ReadReference[] {
  const spec = reader.optionalMapping(object.spec, 'spec') ?? {};
  return reader.list(spec.rules, 'spec.rules').flatMap((rule, ruleIndex) => {
    const rulePath = `spec.rules[${ruleIndex}]`;
    return reader.list(reader.mapping(rule, rulePath).backendRefs, `${rulePath}.backendRefs`).flatMap((value, refIndex): ReadReference[] => {
      const path = `${rulePath}.backendRefs[${refIndex}]`;
      const ref = reader.mapping(value, path);
      const group = reader.optionalString(ref.group, `${path}.group`) ?? '';
      const kind = reader.optionalString(ref.kind, `${path}.kind`) ?? 'Service';
      if (group !== '' || kind !== 'Service') {
        return [];
      }
      const name = reader.optionalString(ref.name, `${path}.name`) || reader.fail(`${path}.name`, 'required: the name of a Service');
      if (isAbsent(ref.port)) {
        reader.fail(`${path}.port`, 'Must have port for Service reference (the Service port, not the target port)');
      }
      const port = readPortNumber(reader, ref.port, `${path}.port`);
      const serviceNamespace = reader.optionalString(ref.namespace, `${path}.namespace`) || (namespace as string);
      return [{ path, service: { namespace: serviceNamespace, name }, port }];
    });
  });
}

const FAILURE_POLICIES: readonly WebhookFailurePolicy[] = ['Fail', 'Ignore'];

/**
 * admissionregistration.k8s.io/v1 `webhooks[].clientConfig.service` (ServiceReference:
 * `namespace` and `name` required, `port` "Defaults to 443 for backward compatibility") and
 * `failurePolicy` ("Defaults to Fail"). A webhook called by `url` names no Service.
 */
function readWebhooks(reader: FieldReader, object: JsonObject): ReadReference[] {
  return reader.list(object.webhooks, 'webhooks').flatMap((value, index): ReadReference[] => {
    const path = `webhooks[${index}]`;
    const webhook = reader.mapping(value, path);
    const webhookName = reader.optionalString(webhook.name, `${path}.name`) ?? '';
    const clientConfig = reader.optionalMapping(webhook.clientConfig, `${path}.clientConfig`);
    const servicePath = `${path}.clientConfig.service`;
    const service = reader.optionalMapping(clientConfig?.service, servicePath);
    if (!service) {
      return [];
    }
    const required = (field: string): string =>
      reader.optionalString(service[field], `${servicePath}.${field}`) || reader.fail(`${servicePath}.${field}`, `required: the ${field} of the webhook's Service`);
    const serviceNamespace = required('namespace');
    const name = required('name');
    const port = isAbsent(service.port) ? 443 : readPortNumber(reader, service.port, `${servicePath}.port`);
    const failure = reader.optionalString(webhook.failurePolicy, `${path}.failurePolicy`) ?? 'Fail';
    if (!FAILURE_POLICIES.includes(failure as WebhookFailurePolicy)) {
      reader.fail(`${path}.failurePolicy`, `unsupported value ${JSON.stringify(failure)}: supported values: ${FAILURE_POLICIES.join(', ')}`);
    }
    return [{ path: servicePath, service: { namespace: serviceNamespace, name }, port, webhook: { name: webhookName, failurePolicy: failure as WebhookFailurePolicy } }];
  });
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Kinds read for their references to Services, by `group/version kind`. Gateway API versions
 * are those the upstream repository defines each kind in (apis/v1, apis/v1beta1,
 * apis/v1alpha2): HTTPRoute in v1, v1beta1 and v1alpha2; GRPCRoute in v1 and v1alpha2.
 */
const REFERRING_KINDS: Readonly<Record<string, ReferringKind>> = {
  'networking.k8s.io/v1 Ingress': { namespaced: true, caller: 'ingress-controller', read: readIngress },
  ...Object.fromEntries(
    [
      ['v1', 'HTTPRoute'],
      ['v1beta1', 'HTTPRoute'],
      ['v1alpha2', 'HTTPRoute'],
      ['v1', 'GRPCRoute'],
      ['v1alpha2', 'GRPCRoute'],
    ].map(([version, kind]) => [`${GATEWAY_GROUP}/${version} ${kind}`, { namespaced: true, caller: 'ingress-controller', read: readRoute }]),
  ),
  ...Object.fromEntries(
    ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'].map((kind) => [
      `admissionregistration.k8s.io/v1 ${kind}`,
      { namespaced: false, caller: 'api-server', read: readWebhooks },
    ]),
  ),
};

/** How objects of this apiVersion and kind refer to Services, or undefined when they are not read for it. */
export function referringKind(apiVersion: string, kind: string): ReferringKind | undefined {
  return apiGroup(apiVersion) === '' ? undefined : REFERRING_KINDS[`${apiVersion} ${kind}`];
}

/** The references to Services of one object of a referring kind, with its identity. */
export function readServiceReferences(
  reader: FieldReader,
  object: JsonObject,
  referring: ReferringKind,
  identity: { readonly kind: string; readonly namespace?: string; readonly name: string },
): ServiceReference[] {
  return referring.read(reader, object, identity.namespace).map((reference) => ({
    kind: identity.kind,
    ...(identity.namespace === undefined ? {} : { namespace: identity.namespace }),
    name: identity.name,
    ...reference,
    caller: referring.caller,
    source: reader.source,
  }));
}
