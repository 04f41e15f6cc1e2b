import { externalTarget } from '../../lib/cli/external-target';
import { CliError } from '../../lib/cli/exit-code';
import { ClusterModel, NetworkPolicyPeer } from '../../lib/model';

/** A model whose only policy names `peers`: ingress from the first, egress to the rest. */
function modelWith(...peers: NetworkPolicyPeer[]): ClusterModel {
  const [first, ...rest] = peers;
  return {
    namespaces: [],
    endpoints: [],
    policies: [
      {
        policy: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'p', namespace: 'x' },
          spec: { podSelector: {}, ingress: [{ from: [first] }], egress: [{ to: rest }] },
        },
      },
    ],
  };
}

describe('externalTarget', () => {
  test('an IP is probed as written', () => {
    expect(externalTarget('2001:db8::1', modelWith({ ipBlock: { cidr: '2001:db8::/64' } }))).toEqual({ label: '2001:db8::1', addresses: ['2001:db8::1'] });
  });

  test('a network is probed once per run that no ipBlock boundary (cidr or except, ingress or egress) splits', () => {
    const model = modelWith(
      { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      { ipBlock: { cidr: '11.128.0.0/9' } },
      { ipBlock: { cidr: '192.168.0.0/16' } },
      { ipBlock: { cidr: '::/0' } },
    );
    // 10.0.0.0/8 starts at the network itself; 10.1.0.0/16 splits off and ends at 10.2.0.0;
    // 11.0.0.0 ends the /8; 11.128.0.0/9 runs to the network's end; 192.168/16 and ::/0 lie outside.
    expect(externalTarget('10.0.0.0/7', model).addresses).toEqual(['10.0.0.0', '10.1.0.0', '10.2.0.0', '11.0.0.0', '11.128.0.0']);
    expect(externalTarget('10.0.0.0/7', model).label).toBe('10.0.0.0/7');
    expect(externalTarget('172.16.0.0/12', model).addresses).toEqual(['172.16.0.0']);
  });

  test.each(['nope', '10.0.0.0/33', '10.0.0.1-10.0.0.9', ''])('%j is a usage error naming --external and what is valid', (value) => {
    const attempt = () => externalTarget(value, modelWith({ ipBlock: { cidr: '10.0.0.0/8' } }));
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(`--external: ${JSON.stringify(value)} is not an IP address or CIDR (e.g. 203.0.113.9 or 203.0.113.0/24)`);
  });
});
