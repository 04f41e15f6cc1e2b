import { promises as fs } from 'fs';
import * as path from 'path';
import { FlowInputError, MAX_FLOW_LINE_BYTES, readFlows } from '../../lib/flows';
import { useTempDir } from '../manifests/temp-dir';

const scratch = useTempDir('netpol-plain-flows-');

async function read(name: string, text: string) {
  const file = path.join(scratch(), name);
  await fs.writeFile(file, text);
  return readFlows([file]);
}

describe('the plain flow format', () => {
  test('CSV with a header: columns in any order, count optional, ends as namespace/workload, IP or CIDR', async () => {
    const flows = await read(
      'flows.csv',
      ['protocol,from,to,port,count', 'TCP,shop/web,shop/api,8080,12', 'udp,shop/web,10.96.0.10,53,', 'TCP,198.51.100.0/24,shop/web,443,3', ''].join('\n'),
    );
    expect(flows.groups.map(({ from, to, port, protocol, count }) => ({ from, to, port, protocol, count }))).toEqual([
      { from: { kind: 'workload', namespace: 'shop', name: 'web' }, to: { kind: 'workload', namespace: 'shop', name: 'api' }, port: 8080, protocol: 'TCP', count: 12 },
      { from: { kind: 'workload', namespace: 'shop', name: 'web' }, to: { kind: 'address', ip: '10.96.0.10' }, port: 53, protocol: 'UDP', count: 1 },
      { from: { kind: 'network', cidr: '198.51.100.0/24' }, to: { kind: 'workload', namespace: 'shop', name: 'web' }, port: 443, protocol: 'TCP', count: 3 },
    ]);
  });

  test('JSON lines, with the same flow twice counted once per line', async () => {
    const line = JSON.stringify({ from: 'shop/web', to: '2001:db8::10', port: 443, protocol: 'TCP', count: 2 });
    const flows = await read('flows.jsonl', `${line}\n\n${line}\n`);
    expect(flows.groups).toHaveLength(1);
    expect(flows.groups[0]).toMatchObject({ to: { kind: 'address', ip: '2001:db8::10' }, count: 4, firstSeen: { line: 1 } });
  });

  test('Hubble and plain lines may share a JSON-lines file', async () => {
    const hubble = { flow: { IP: { source: '10.0.1.11', destination: '203.0.113.10' }, l4: { TCP: { destination_port: 443 } } } };
    const plain = { from: 'shop/web', to: 'shop/api', port: 8080, protocol: 'TCP' };
    const flows = await read('mixed.jsonl', `${JSON.stringify(hubble)}\n${JSON.stringify(plain)}\n`);
    expect(flows.groups).toHaveLength(2);
  });

  test.each([
    ['a CSV header missing a column', 'from,to,port\nshop/web,shop/api,8080\n', /:1: not a flow file: a CSV header naming from, to, port, protocol, count/],
    ['a row with too few values', 'from,to,port,protocol\nshop/web,shop/api,8080\n', /:2: expected 4 comma-separated values/],
    ['a port out of range', 'from,to,port,protocol\nshop/web,shop/api,0,TCP\n', /:2: port: 0 is not a port \(1-65535\)/],
    ['a protocol that is none', 'from,to,port,protocol\nshop/web,shop/api,80,ICMP\n', /:2: protocol: expected one of TCP, UDP, SCTP, got "ICMP"/],
    ['an end that is no end', 'from,to,port,protocol\nweb,shop/api,80,TCP\n', /:2: from: "web" is neither namespace\/workload, an IP address nor a CIDR/],
    ['a count of zero', '{"from":"shop/web","to":"shop/api","port":80,"protocol":"TCP","count":0}\n', /:1: count: 0: a count is at least 1/],
    ['an unknown JSON field', '{"from":"shop/web","to":"shop/api","port":80,"protocol":"TCP","bytes":10}\n', /:1: bytes: not a field of the plain format/],
    ['a missing field', '{"from":"shop/web","to":"shop/api","port":80}\n', /:1: protocol: missing/],
    // A file without line breaks is not read whole into memory: the line is refused at the limit.
    ['a line over 1 MiB', `from,to,port,protocol\nshop/web,shop/api,80,TCP\n${'x'.repeat(MAX_FLOW_LINE_BYTES + 1)}`, /:3: longer than 1 MiB: a flow file has one flow per line/],
    ['a first line over 1 MiB, in one chunk with the next', `${'x'.repeat(MAX_FLOW_LINE_BYTES + 1)}\nshop/web,shop/api,80,TCP\n`, /:1: longer than 1 MiB/],
  ])('%s is an error naming file and line', async (_what, text, message) => {
    const error = await read('bad.csv', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FlowInputError);
    expect((error as Error).message).toMatch(message);
  });
});
