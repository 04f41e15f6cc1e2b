import { Testing } from 'cdk8s';
import { AllowFrom, AllowTo, Namespaces, Port, Workload } from '../../lib';
import { productionChart, specOf } from './synth-helpers';

const api = Workload.select({ app: 'api' });
const db = Workload.select({ app: 'postgres' });

describe('AllowFrom', () => {
  test('snapshot', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'db-from-api', { pods: db, from: api, ports: [Port.tcp(5432)] });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('without ports: every port (ports omitted, never port 0)', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'db-from-api', { pods: db, from: api });
    expect(specOf(chart, 'db-from-api')).toEqual({
      podSelector: { matchLabels: { app: 'postgres' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
    });
  });
});

describe('AllowTo', () => {
  test('snapshot with a range and a named port', () => {
    const chart = productionChart();
    new AllowTo(chart, 'api-out', { pods: api, to: [db, Namespaces.named('cache')], ports: [Port.tcpRange(6379, 6380), Port.named('postgres')] });
    const objects = Testing.synth(chart);
    expect(objects[0].spec.egress).toEqual([
      {
        to: [{ podSelector: { matchLabels: { app: 'postgres' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'cache' } } }],
        ports: [{ protocol: 'TCP', port: 6379, endPort: 6380 }, { port: 'postgres' }],
      },
    ]);
    expect(objects).toMatchSnapshot();
  });
});
