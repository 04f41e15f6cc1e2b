import { parseDocuments, readManifestObject } from '../../lib/manifests';

/** The role of the one object in the text, and its error as `rule path: message`. */
function read(text: string): string {
  const [document] = parseDocuments(text, 'in.yaml');
  const object = readManifestObject(document.value, { file: 'in.yaml', documentIndex: 0 }, 'default');
  return object.role === 'invalid' ? `invalid: ${object.error.rule} ${object.error.path}: ${object.error.message}` : object.role;
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/**
 * Names, namespaces and labels as the API server validates them for the kinds read into the
 * model (kubernetes/kubernetes pkg/apis/{core,apps,batch}/validation): an object it refuses
 * is left out with the finding, so nothing in its name reaches a verdict.
 */
describe('names, namespaces and labels of the objects in the model, as the API server checks them', () => {
  test('a Pod whose name carries terminal escapes is invalid, the name quoted with escapes', () => {
    expect(read('apiVersion: v1\nkind: Pod\nmetadata: {name: "x\\e]0;pwned\\a\\e[2J", namespace: a}\n')).toBe(
      `invalid: api-object-meta metadata.name: Invalid value: "x\\u001b]0;pwned\\u0007\\u001b[2J": ${SUBDOMAIN}`,
    );
  });

  test.each([
    ['v1', 'Pod', 'web.v2', 'endpoint'],
    ['apps/v1', 'Deployment', 'web.v2', 'endpoint'],
    ['apps/v1', 'DaemonSet', 'agent.v2', 'endpoint'],
    ['batch/v1', 'Job', 'migrate.v2', 'endpoint'],
    // StatefulSet names are DNS labels since Kubernetes 1.27 (kubernetes/kubernetes#114172).
    ['apps/v1', 'StatefulSet', 'db.v2', "invalid: api-object-meta metadata.name: Invalid value: \"db.v2\": must not contain dots"],
    ['apps/v1', 'StatefulSet', 'db-0', 'endpoint'],
    ['batch/v1', 'CronJob', 'c'.repeat(52), 'endpoint'],
    ['batch/v1', 'CronJob', 'c'.repeat(53), `invalid: api-object-meta metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`],
    ['v1', 'Pod', 'Web', `invalid: api-object-meta metadata.name: Invalid value: "Web": ${SUBDOMAIN}`],
  ])('%s %s named %j: %s', (apiVersion, kind, name, expected) => {
    const template = kind === 'Pod' ? '' : kind === 'CronJob' ? ', spec: {jobTemplate: {spec: {template: {}}}}' : ', spec: {template: {}}';
    expect(read(`{apiVersion: ${apiVersion}, kind: ${kind}, metadata: {name: "${name}", namespace: a}${template}}\n`)).toBe(expected);
  });

  test('a Namespace name is a DNS-1123 label; a Service name a DNS-1035 label', () => {
    expect(read('{apiVersion: v1, kind: Namespace, metadata: {name: shop.eu}}')).toBe('invalid: api-object-meta metadata.name: Invalid value: "shop.eu": must not contain dots');
    expect(read('{apiVersion: v1, kind: Namespace, metadata: {name: "123"}}')).toBe('namespace');
    expect(read('{apiVersion: v1, kind: Service, metadata: {name: web, namespace: a}}')).toBe('service');
    expect(read('{apiVersion: v1, kind: Service, metadata: {name: 1web, namespace: a}}')).toBe(
      "invalid: api-object-meta metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  test('the namespace is a DNS-1123 label', () => {
    expect(read('{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: "a`b"}}')).toMatch(/^invalid: api-object-meta metadata.namespace: Invalid value: "a`b": a lowercase RFC 1123 label/);
  });

  test('pod and template labels, namespace labels and a Service selector are label maps the API server validates', () => {
    expect(read('{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: a, labels: {app: "x\\ry"}}}')).toMatch(/^invalid: api-object-meta metadata.labels: Invalid value: "x\\ry": a valid label must be/);
    expect(read('{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: a}, spec: {template: {metadata: {labels: {"a|b": x}}}}}')).toMatch(
      /^invalid: api-object-meta spec.template.metadata.labels: Invalid value: "a\|b": name part must consist of/,
    );
    expect(read('{apiVersion: v1, kind: Namespace, metadata: {name: ns, labels: {team: "`x`"}}}')).toMatch(/^invalid: api-object-meta metadata.labels: Invalid value: "`x`"/);
    expect(read('{apiVersion: v1, kind: Service, metadata: {name: s, namespace: a}, spec: {selector: {app: "[x](http://e)"}}}')).toMatch(/^invalid: api-label-selector spec.selector: Invalid value: "\[x\]\(http:\/\/e\)"/);
  });
});
