import * as fs from 'fs';
import * as path from 'path';
import type { ValidationContext } from 'cdk8s-cli/lib/plugins';
import { NetpolValidation } from '../../lib/plugin';
import { runCli } from '../cli/run-cli';

const DIR = path.join(__dirname, '../fixtures/manifests/services');
const file = (name: string): string => path.join(DIR, `${name}.yaml`);
const CONTROLLER = ['--ingress-controller', 'ingress-nginx/app.kubernetes.io/name=ingress-nginx'];

interface JsonFinding {
  readonly severity: string;
  readonly kind: string;
  readonly name: string;
  readonly path: string;
  readonly message: string;
  readonly rule?: string;
}

/** Each rule: the files (and options) that trigger it, and the files that do not. */
const CASES: readonly { rule: string; triggers: string[]; clean: string[]; options?: string[] }[] = [
  { rule: 'service-port-not-target-port', triggers: ['base', 'port-not-target-port'], clean: ['base', 'port-is-target-port'] },
  { rule: 'service-named-target-port-unresolved', triggers: ['named-target-port-differs'], clean: ['named-target-port-same'] },
  { rule: 'service-unreachable', triggers: ['base', 'unreachable'], clean: ['base', 'reachable'] },
  {
    rule: 'ingress-backend-not-admitted',
    triggers: ['base', 'ingress', 'port-is-target-port'],
    clean: ['base', 'ingress', 'admits-controller'],
    options: CONTROLLER,
  },
  { rule: 'service-exposed-not-admitted', triggers: ['base', 'load-balancer', 'port-is-target-port'], clean: ['base', 'load-balancer', 'admits-outside'] },
  { rule: 'webhook-not-admitted', triggers: ['webhook'], clean: ['webhook-admitted'] },
];

async function validateJson(files: readonly string[], options: readonly string[] = []): Promise<JsonFinding[]> {
  const result = await runCli(['validate', ...files.map(file), '--format', 'json', ...options]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonFinding[];
}

/** cdk8s-cli's own context and report classes, as test/plugin/netpol-validation.test.ts uses them. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdk8sPlugins = require(path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib/plugins')) as {
  ValidationContext: new (manifests: readonly string[], pkg: string, version: string) => ValidationContext;
};

/** The plugin as cdk8s synth runs it: a real cdk8s-cli validation context; each violation's rule name. */
async function pluginFindings(files: readonly string[], ingressController?: string): Promise<{ rule: string }[]> {
  const context = new cdk8sPlugins.ValidationContext(files.map(file), 'cdk8s-netpol', '0.1.0');
  await new NetpolValidation(ingressController ? { ingressController } : {}).validate(context);
  return context.report.toJson().violations.map((violation) => ({ rule: violation.ruleName }));
}

describe.each(CASES)('$rule', ({ rule, triggers, clean, options }) => {
  test('netpol validate --format json: the fixture that triggers it', async () => {
    const findings = await validateJson(triggers, options);
    const hits = findings.filter((finding) => finding.rule === rule);
    expect(hits).toHaveLength(1);
    expect(hits[0].severity).toBe('warning');
  });

  test('netpol validate --format json: the fixture that does not', async () => {
    expect((await validateJson(clean, options)).filter((finding) => finding.rule === rule)).toEqual([]);
  });

  test('the plugin: the same fixtures', async () => {
    const controller = options ? options[1] : undefined;
    expect((await pluginFindings(triggers, controller)).filter((violation) => violation.rule.includes(rule))).toHaveLength(1);
    expect((await pluginFindings(clean, controller)).filter((violation) => violation.rule.includes(rule))).toEqual([]);
  });
});

describe('the messages name both numbers and the fix', () => {
  test('service-port-not-target-port, on the policy rule', async () => {
    const [finding] = (await validateJson(['base', 'port-not-target-port'])).filter((f) => f.rule === 'service-port-not-target-port');
    expect(finding).toMatchObject({ kind: 'NetworkPolicy', name: 'api-from-web', path: 'spec.ingress[0]' });
    expect(finding.message).toBe(
      'allows TCP 80, the port of Service svc/shop/api, on shop/api, but the pods listen on targetPort 8080: traffic through the Service arrives on TCP 8080, which this rule does not allow; allow port 8080 instead of 80',
    );
  });

  test('webhook-not-admitted says what failurePolicy Ignore does, and Fail', async () => {
    const [ignore] = (await validateJson(['webhook'])).filter((f) => f.rule === 'webhook-not-admitted');
    expect(ignore).toMatchObject({ kind: 'ValidatingWebhookConfiguration', name: 'policy', path: 'webhooks[0].clientConfig.service' });
    expect(ignore.message).toMatch(/on TCP 9443 \(targetPort https\).*failurePolicy Ignore: admission is silently skipped/);
    // No failurePolicy: admissionregistration.k8s.io/v1 defaults it to Fail.
    const text = fs.readFileSync(file('webhook'), 'utf8').replace('  failurePolicy: Ignore\n', '');
    const result = await runCli(['validate', '-', '--format', 'json'], text);
    const [fail] = (JSON.parse(result.stdout) as JsonFinding[]).filter((f) => f.rule === 'webhook-not-admitted');
    expect(fail.message).toMatch(/failurePolicy Fail: every API request this webhook matches fails$/);
  });

  test('ingress-backend-not-admitted is not judged without the controller', async () => {
    expect((await validateJson(['base', 'ingress', 'port-is-target-port'])).filter((f) => f.rule === 'ingress-backend-not-admitted')).toEqual([]);
  });

  test('a controller named but not in the inputs is a stand-in pod with those labels', async () => {
    const standIn = await validateJson(['base', 'ingress', 'admits-controller'], ['--ingress-controller', 'ingress-nginx/app=other']);
    expect(standIn.filter((f) => f.rule === 'ingress-backend-not-admitted').map((f) => f.message)[0]).toMatch(/ingress-nginx\/app=other/);
  });
});

describe('callers that are not in the inputs', () => {
  const base = fs.readFileSync(file('base'), 'utf8');
  const fromIngressPods = (port: number): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app: nginx}}}]
    ports: [{port: ${port}}]
`;

  async function rules(text: string): Promise<(string | undefined)[]> {
    const result = await runCli(['validate', '-', '--format', 'json'], text);
    return (JSON.parse(result.stdout) as JsonFinding[]).map((finding) => finding.rule);
  }

  test('a rule admitting pods of no input on the target port: reachable, not flagged', async () => {
    expect(await rules(base + fromIngressPods(8080))).toEqual([]);
  });

  test('a rule admitting them on the Service port while nothing admits the target port: both flagged', async () => {
    expect(await rules(base + fromIngressPods(80))).toEqual(['service-port-not-target-port', 'service-unreachable']);
  });
});
