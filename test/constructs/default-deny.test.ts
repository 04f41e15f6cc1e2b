import { Testing } from 'cdk8s';
import { DefaultDeny, Workload } from '../../lib';
import { captureWarnings, productionChart, specOf } from './synth-helpers';

describe('DefaultDeny', () => {
  test('snapshot', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'default-deny-all');
    let objects: unknown[] = [];
    captureWarnings(() => (objects = Testing.synth(chart)));
    expect(objects).toMatchSnapshot();
  });

  test.each([
    ['both', ['Ingress', 'Egress']],
    ['ingress', ['Ingress']],
    ['egress', ['Egress']],
  ] as const)('direction %s', (direction, policyTypes) => {
    const chart = productionChart();
    new DefaultDeny(chart, 'deny', { direction });
    captureWarnings(() => expect(specOf(chart, 'deny')).toEqual({ podSelector: {}, policyTypes }));
  });

  test('for some pods only', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'deny-db', { pods: Workload.select({ app: 'postgres' }), direction: 'ingress' });
    expect(specOf(chart, 'deny-db')).toEqual({ podSelector: { matchLabels: { app: 'postgres' } }, policyTypes: ['Ingress'] });
  });
});
