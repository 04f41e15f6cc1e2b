import { runCli } from './run-cli';

/*
 * #15 items 1-2 at the command line: the labels the control plane puts on a Job's and a
 * StatefulSet's pods are selectable (validate does not call such a policy unmatched, reach
 * gives Kubernetes's verdict), and a hostNetwork pod is flagged beside every verdict format.
 */

const doc = (text: string) => `${text}\n---\n`;
const INPUT =
  doc('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: a}\nspec: {replicas: 2, template: {metadata: {labels: {app: web}}}}') +
  doc('apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: a}\nspec: {template: {metadata: {labels: {app: m}}}}') +
  doc('apiVersion: v1\nkind: Pod\nmetadata: {name: client, namespace: a}') +
  doc('apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: a}\nspec: {hostNetwork: true}') +
  doc('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-web-0, namespace: a}\nspec: {podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}, policyTypes: [Ingress]}') +
  doc('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-migrate, namespace: a}\nspec: {podSelector: {matchLabels: {job-name: migrate}}, policyTypes: [Ingress]}') +
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-web-9, namespace: a}\nspec: {podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: web-9}}, policyTypes: [Ingress]}\n';

test('validate: policies selecting job-name and statefulset.kubernetes.io/pod-name match; a replica that does not exist does not', async () => {
  const result = await runCli(['validate', '-', '--format', 'json'], INPUT);
  const unmatched = (JSON.parse(result.stdout) as { rule: string; name: string }[]).filter((finding) => finding.rule === 'unmatched-pod-selector');
  expect(unmatched.map((finding) => finding.name)).toEqual(['isolate-web-9']);
});

test('reach: web-0 and the Job are isolated as Kubernetes isolates them, web-1 is not', async () => {
  const data = JSON.parse((await runCli(['reach', '-', '--port', '80', '--format', 'json'], INPUT)).stdout);
  const allowed = (from: string, to: string) => data.allowed.some((pair: string[]) => pair[0] === from && pair[1] === to);
  expect([allowed('a/client', 'a/web-0'), allowed('a/client', 'a/web-1'), allowed('a/client', 'a/migrate')]).toEqual([false, true, false]);
});

test.each([
  ['text', 'caveat: a/agent: hostNetwork: enforcement depends on the CNI'],
  ['markdown', '| a/agent | hostNetwork: enforcement depends on the CNI |'],
])('reach --format %s flags the hostNetwork pod', async (format, line) => {
  expect((await runCli(['reach', '-', '--port', '80', '--format', format], INPUT)).stdout).toContain(line);
});
