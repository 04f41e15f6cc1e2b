import { JsonPatch, Testing } from 'cdk8s';
import { AllowFrom, LabelExpression, Namespaces, NetworkPolicy, Port, Workload } from '../../lib';
import { productionChart, specOf, synthError } from './synth-helpers';

const db = Workload.select({ app: 'postgres' });

describe('namespace labels AND pod labels in one peer', () => {
  test('snapshot: Workload.select(labels, { namespaceLabels }) is ONE peer with both selectors', () => {
    const chart = productionChart();
    const prometheus = Workload.select({ app: 'prometheus' }, { namespaceLabels: { team: 'monitoring' } });
    new AllowFrom(chart, 'allow-scrape', { pods: db, from: prometheus, ports: [Port.tcp(9187)] });
    expect((specOf(chart, 'allow-scrape') as { ingress: unknown }).ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { team: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }],
        ports: [{ protocol: 'TCP', port: 9187 }],
      },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('snapshot: namespaceExpressions, alone or with namespaceLabels', () => {
    const chart = productionChart();
    const agents = Workload.select(
      { app: 'agent' },
      { namespaceLabels: { tier: 'ops' }, namespaceExpressions: [LabelExpression.notIn('kubernetes.io/metadata.name', ['kube-system'])] },
    );
    new AllowFrom(chart, 'from-agents', { pods: db, from: agents });
    expect((specOf(chart, 'from-agents') as { ingress: Array<{ from: unknown }> }).ingress[0].from).toEqual([
      {
        namespaceSelector: {
          matchLabels: { tier: 'ops' },
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }],
        },
        podSelector: { matchLabels: { app: 'agent' } },
      },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('namespace and namespaceLabels together are refused; such a workload is a peer only, never the pods', () => {
    expect(() => Workload.select({ app: 'x' }, { namespace: 'a', namespaceLabels: { team: 'a' } })).toThrow(
      'Workload.select: give namespace or namespaceLabels/namespaceExpressions, not both',
    );
    const chart = productionChart();
    expect(() => new AllowFrom(chart, 'x', { pods: Workload.select({ app: 'x' }, { namespaceLabels: { team: 'a' } }), from: db })).toThrow(
      'production/x: pods: a NetworkPolicy applies to pods of its own namespace "production"; namespaceLabels and namespaceExpressions only select peers',
    );
  });
});

describe('label expressions', () => {
  test('snapshot: In, NotIn, Exists, DoesNotExist on the pods of a peer, with or without labels', () => {
    const chart = productionChart();
    const clients = Workload.select(
      { app: 'client' },
      { expressions: [LabelExpression.in('tier', ['web', 'batch']), LabelExpression.doesNotExist('quarantined')] },
    );
    const tracked = Workload.select({}, { expressions: [LabelExpression.exists('team'), LabelExpression.notIn('env', ['dev'])] });
    new AllowFrom(chart, 'db-clients', { pods: db, from: [clients, tracked] });
    expect((specOf(chart, 'db-clients') as { ingress: Array<{ from: unknown }> }).ingress[0].from).toEqual([
      {
        podSelector: {
          matchLabels: { app: 'client' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'batch'] },
            { key: 'quarantined', operator: 'DoesNotExist' },
          ],
        },
      },
      {
        podSelector: {
          matchExpressions: [
            { key: 'team', operator: 'Exists' },
            { key: 'env', operator: 'NotIn', values: ['dev'] },
          ],
        },
      },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test("snapshot: expressions in the policy's own selector", () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'canaries', {
      pods: Workload.select({ app: 'api' }, { expressions: [LabelExpression.in('track', ['canary'])] }),
      ingress: [{ from: Workload.select({ app: 'web' }) }],
    });
    expect((specOf(chart, 'canaries') as { podSelector: unknown }).podSelector).toEqual({
      matchLabels: { app: 'api' },
      matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('snapshot: Namespaces.select with labels and expressions; one of them is required', () => {
    const chart = productionChart();
    const peers = [
      Namespaces.select({ expressions: [LabelExpression.notIn('kubernetes.io/metadata.name', ['kube-system', 'kube-public'])] }),
      Namespaces.select({ labels: { team: 'data' }, expressions: [LabelExpression.exists('pci')] }),
    ];
    new AllowFrom(chart, 'from-namespaces', { pods: db, from: peers });
    expect((specOf(chart, 'from-namespaces') as { ingress: Array<{ from: unknown }> }).ingress[0].from).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public'] }] } },
      { namespaceSelector: { matchLabels: { team: 'data' }, matchExpressions: [{ key: 'pci', operator: 'Exists' }] } },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(() => Namespaces.select({})).toThrow('Namespaces.select: give labels or expressions; use Namespaces.all() for every namespace');
  });

  test('expressions are copied: changing the array given later changes nothing', () => {
    const expressions = [LabelExpression.exists('team')];
    const workload = Workload.select({}, { expressions });
    expressions.push(LabelExpression.exists('other'));
    expect(workload.toPodSelector()).toEqual({ matchExpressions: [{ key: 'team', operator: 'Exists' }] });
  });

  test('workloads selected by expressions or by namespace labels stand for no one endpoint', () => {
    expect(Workload.select({ app: 'a' }, { expressions: [LabelExpression.exists('b')] }).declaredWorkloads('shop')).toEqual([]);
    expect(Workload.select({ app: 'a' }, { namespaceLabels: { team: 'b' } }).declaredWorkloads('shop')).toEqual([]);
  });
});

describe("bad expressions are refused at synth with the API server's messages and field paths", () => {
  test('In and NotIn without values', () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'no-values', {
      pods: Workload.select({}, { expressions: [LabelExpression.in('tier', [])] }),
      ingress: [{ from: Workload.select({}, { expressions: [LabelExpression.notIn('env', [])] }) }],
    });
    const message = synthError(() => Testing.synth(chart));
    expect(message).toContain(
      "[production/no-values] spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
    expect(message).toContain(
      "[production/no-values] spec.ingress[0].from[0].podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
  });

  test('an operator other than the four (case-sensitive), and values with Exists, through an escape-hatch patch', () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'patched', { pods: Workload.select({}, { expressions: [LabelExpression.exists('tier')] }) }).addJsonPatch(
      JsonPatch.replace('/spec/podSelector/matchExpressions/0/operator', 'in'),
    );
    new NetworkPolicy(chart, 'exists-values', { pods: Workload.select({}, { expressions: [LabelExpression.exists('tier')] }) }).addJsonPatch(
      JsonPatch.add('/spec/podSelector/matchExpressions/0/values', ['a']),
    );
    const message = synthError(() => Testing.synth(chart));
    expect(message).toContain(
      '[production/patched] spec.podSelector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator; valid operators are In, NotIn, Exists, DoesNotExist (case-sensitive)',
    );
    expect(message).toContain(
      "[production/exists-values] spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    );
  });

  test('bad keys and values in expressions, on namespaces too', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'bad-labels', {
      pods: db,
      from: [
        Namespaces.select({ expressions: [LabelExpression.exists('a/b/c')] }),
        Workload.select({ app: 'x' }, { expressions: [LabelExpression.in('tier', ['not a value'])] }),
      ],
    });
    const message = synthError(() => Testing.synth(chart));
    expect(message).toContain('[production/bad-labels] spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].key: Invalid value: "a/b/c"');
    expect(message).toContain('[production/bad-labels] spec.ingress[0].from[1].podSelector.matchExpressions[0].values[0]: Invalid value: "not a value"');
  });
});
