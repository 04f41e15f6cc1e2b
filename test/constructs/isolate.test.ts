import { Testing } from 'cdk8s';
import { Isolate, Workload } from '../../lib';
import { productionChart } from './synth-helpers';

describe('Isolate', () => {
  test('selects the workload for both directions with no rules', () => {
    const chart = productionChart();
    new Isolate(chart, 'quarantine-legacy', { pods: Workload.select({ app: 'legacy' }) });
    const objects = Testing.synth(chart);
    expect(objects[0].spec).toEqual({ podSelector: { matchLabels: { app: 'legacy' } }, policyTypes: ['Ingress', 'Egress'] });
    expect(objects).toMatchSnapshot();
  });
});
