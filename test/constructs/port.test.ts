import { Port } from '../../lib';

describe('Port', () => {
  test.each([
    ['tcp', Port.tcp(5432), { protocol: 'TCP', port: 5432 }],
    ['udp', Port.udp(53), { protocol: 'UDP', port: 53 }],
    ['sctp', Port.sctp(3868), { protocol: 'SCTP', port: 3868 }],
    ['tcpRange', Port.tcpRange(32000, 32768), { protocol: 'TCP', port: 32000, endPort: 32768 }],
    ['udpRange', Port.udpRange(5000, 5010), { protocol: 'UDP', port: 5000, endPort: 5010 }],
    ['sctpRange', Port.sctpRange(1, 10), { protocol: 'SCTP', port: 1, endPort: 10 }],
    ['named without protocol', Port.named('http'), { port: 'http' }],
    ['named with protocol', Port.named('dns', 'UDP'), { protocol: 'UDP', port: 'dns' }],
    ['allTcp has no port (never port 0)', Port.allTcp(), { protocol: 'TCP' }],
    ['allUdp', Port.allUdp(), { protocol: 'UDP' }],
    ['allSctp', Port.allSctp(), { protocol: 'SCTP' }],
  ])('%s', (_name, port, expected) => {
    expect(port.toNetworkPolicyPort()).toStrictEqual(expected);
  });

  test('the wire shape is a copy', () => {
    const port = Port.tcp(80);
    (port.toNetworkPolicyPort() as { port: number }).port = 81;
    expect(port.toNetworkPolicyPort()).toEqual({ protocol: 'TCP', port: 80 });
  });
});
