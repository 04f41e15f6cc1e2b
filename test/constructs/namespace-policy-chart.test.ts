import { Testing } from 'cdk8s';
import { NamespacePolicyChart } from '../../lib';
import { captureWarnings } from './synth-helpers';

describe('NamespacePolicyChart', () => {
  test('baseline: true adds default deny and DNS, and nothing warns', () => {
    const chart = new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop', baseline: true });
    let objects: Array<{ metadata: { name: string; namespace: string } }> = [];
    expect(captureWarnings(() => (objects = Testing.synth(chart)))).toEqual([]);
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['shop/default-deny-all', 'shop/allow-dns']);
    expect(objects).toMatchSnapshot();
  });

  test('zeroTrustBaseline() is the same one line', () => {
    const a = new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop', baseline: true });
    const b = new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop' });
    b.zeroTrustBaseline();
    expect(Testing.synth(b)).toEqual(Testing.synth(a));
  });

  test('without a baseline the chart is empty', () => {
    expect(Testing.synth(new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop' }))).toEqual([]);
  });
});
