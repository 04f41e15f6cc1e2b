import { OutsideAddressError, OutsideSpace, describeRuns, diffTraffic, formatPortSet, outsideSpace } from '../../lib/analysis';
import { ClusterModel, NetworkPolicyEgressRule, PRIVATE_RANGES } from '../../lib/model';

/** A model with one pod, shop/api, and one egress-only policy selecting it (or none). */
function egressModel(...egress: NetworkPolicyEgressRule[]): ClusterModel {
  return {
    namespaces: [],
    endpoints: [{ namespace: 'shop', name: 'api', kind: 'Deployment', labels: { app: 'api' }, ports: [], ips: [] }],
    policies:
      egress.length === 0
        ? []
        : [
            {
              policy: {
                apiVersion: 'networking.k8s.io/v1',
                kind: 'NetworkPolicy',
                metadata: { name: 'egress', namespace: 'shop' },
                spec: { podSelector: {}, policyTypes: ['Egress'], egress },
              },
            },
          ],
  };
}

const https = [{ protocol: 'TCP' as const, port: 443 }];
const internetExceptPrivate = { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] } };

/** Each run as `first-last region`, for one family. */
function runsOf(space: OutsideSpace, family: 4 | 6): string[] {
  return space.runs.filter((run) => run.family === family).map((run) => `${run.address} ${space.regions[run.region].name}`);
}

/** The run indices of `space` whose region is named `name`. */
function runsIn(space: OutsideSpace, name: string): number[] {
  return space.runs.flatMap((run, index) => (space.regions[run.region].name === name ? [index] : []));
}

describe('outsideSpace', () => {
  it('without policies: per family the public internet, then each private range, in PRIVATE_RANGES order', () => {
    const space = outsideSpace([egressModel()]);
    expect(space.regions.map((region) => region.name)).toEqual([
      'public IPv4',
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '169.254.0.0/16',
      '100.64.0.0/10',
      'public IPv6',
      'fc00::/7',
      'fe80::/10',
    ]);
    expect(PRIVATE_RANGES).toContain('169.254.0.0/16');
    // Cut exactly at each range's ends: every address in one run, runs in address order.
    expect(runsOf(space, 4)).toEqual([
      '0.0.0.0 public IPv4',
      '10.0.0.0 10.0.0.0/8',
      '11.0.0.0 public IPv4',
      '100.64.0.0 100.64.0.0/10',
      '100.128.0.0 public IPv4',
      '169.254.0.0 169.254.0.0/16',
      '169.255.0.0 public IPv4',
      '172.16.0.0 172.16.0.0/12',
      '172.32.0.0 public IPv4',
      '192.168.0.0 192.168.0.0/16',
      '192.169.0.0 public IPv4',
    ]);
    expect(runsOf(space, 6)).toEqual([':: public IPv6', 'fc00:: fc00::/7', 'fe00:: public IPv6', 'fe80:: fe80::/10', 'fec0:: public IPv6']);
    const v4 = space.runs.filter((run) => run.family === 4);
    expect(v4[v4.length - 1].last).toBe((1n << 32n) - 1n);
    v4.slice(1).forEach((run, i) => expect(run.first).toBe(v4[i].last + 1n));
  });

  it('cuts at every ipBlock cidr and except of every model, so one address stands for each run', () => {
    const before = egressModel({ to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] });
    const after = egressModel({ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] });
    const space = outsideSpace([before, after]);
    const v4 = runsOf(space, 4);
    expect(v4).toEqual(expect.arrayContaining(['203.0.113.0 public IPv4', '203.0.113.128 public IPv4', '203.0.114.0 public IPv4']));
    expect(v4).toEqual(expect.arrayContaining(['169.254.0.0 169.254.0.0/16', '169.254.169.254 169.254.0.0/16', '169.254.169.255 169.254.0.0/16']));
  });

  it('an --external gets a region of its own, the smallest region holding a run names it', () => {
    const space = outsideSpace([egressModel()], ['10.1.0.0/16', '198.51.100.7']);
    expect(space.regions.map((region) => region.name)).toContain('10.1.0.0/16');
    expect(space.regions.map((region) => region.name)).toContain('198.51.100.7');
    expect(runsOf(space, 4)).toEqual(
      expect.arrayContaining(['10.0.0.0 10.0.0.0/8', '10.1.0.0 10.1.0.0/16', '10.2.0.0 10.0.0.0/8', '198.51.100.7 198.51.100.7', '198.51.100.8 public IPv4']),
    );
  });

  it('refuses an external that is neither an IP nor a CIDR with a typed error', () => {
    expect(() => outsideSpace([], ['10.0.0.0/33'])).toThrow(OutsideAddressError);
    expect(() => outsideSpace([], ['nope'])).toThrow('"nope" is not an IP address or CIDR');
  });
});

describe('describeRuns', () => {
  const space = outsideSpace([egressModel()], ['10.1.0.0/16']);
  const all = space.runs.map((_, index) => index);

  it('names all of the space, a whole family, a whole region, and joins regions with +', () => {
    expect(describeRuns(space, all).label).toBe('anywhere outside');
    expect(describeRuns(space, all.filter((index) => space.runs[index].family === 4))).toEqual({ label: 'any IPv4', cidrs: ['0.0.0.0/0'] });
    expect(describeRuns(space, runsIn(space, '192.168.0.0/16'))).toEqual({ label: '192.168.0.0/16', cidrs: ['192.168.0.0/16'] });
    const two = [...runsIn(space, '172.16.0.0/12'), ...runsIn(space, 'fc00::/7')].sort((a, b) => a - b);
    expect(describeRuns(space, two)).toEqual({ label: '172.16.0.0/12 + fc00::/7', cidrs: ['172.16.0.0/12', 'fc00::/7'] });
  });

  it('the public internet is what no other region holds, named by its exact CIDRs', () => {
    const publicV4 = describeRuns(space, runsIn(space, 'public IPv4'));
    expect(publicV4.label).toBe('public IPv4');
    expect(publicV4.cidrs).toContain('8.0.0.0/7');
    expect(publicV4.cidrs).toContain('11.0.0.0/8');
    expect(publicV4.cidrs).not.toContain('10.0.0.0/8');
  });

  it('a region holding a nested region it does not mean says so with except', () => {
    // 10.0.0.0/8 without the --external 10.1.0.0/16 inside it.
    expect(describeRuns(space, runsIn(space, '10.0.0.0/8'))).toEqual({
      label: '10.0.0.0/8 except 10.1.0.0/16',
      cidrs: ['10.0.0.0/16', '10.2.0.0/15', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.64.0.0/10', '10.128.0.0/9'],
    });
    // Both: the whole range, and the nested one named too.
    const both = [...runsIn(space, '10.0.0.0/8'), ...runsIn(space, '10.1.0.0/16')].sort((a, b) => a - b);
    expect(describeRuns(space, both)).toEqual({ label: '10.0.0.0/8 + 10.1.0.0/16', cidrs: ['10.0.0.0/8'] });
  });
});

describe('diffTraffic with the outside', () => {
  const rows = (changes: readonly { from: string; to: string; before: unknown; after: unknown; outside?: { cidrs: readonly string[] } }[]) =>
    changes.map((change) => `${change.from} > ${change.to}: ${formatPortSet(change.before as never)} -> ${formatPortSet(change.after as never)}`);

  it('egress widened from TCP 443 to every port changes the public internet only, with its exact CIDRs', () => {
    const before = egressModel({ to: [internetExceptPrivate], ports: https });
    const after = egressModel({ to: [internetExceptPrivate] });
    const diff = diffTraffic(before, after);
    expect(rows(diff.changed)).toEqual(['shop/api > public IPv4: TCP 443 -> all']);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    const cidrs = diff.changed[0].outside?.cidrs ?? [];
    expect(cidrs).toEqual(describeRuns(outsideSpace([before, after]), runsIn(outsideSpace([before, after]), 'public IPv4')).cidrs);
    expect(cidrs).not.toContain('169.254.0.0/16');
  });

  it('a dropped except is an added flow to exactly that range; the metadata address is inside link-local', () => {
    const keep = internetExceptPrivate.ipBlock.except.filter((cidr) => cidr !== '169.254.0.0/16');
    const before = egressModel({ to: [internetExceptPrivate], ports: https });
    const after = egressModel({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: keep } }], ports: https });
    const diff = diffTraffic(before, after);
    expect(rows(diff.added)).toEqual(['shop/api > 169.254.0.0/16: none -> TCP 443']);
    expect(diff.added[0].outside).toEqual({ end: 'to', cidrs: ['169.254.0.0/16'] });
  });

  it('opening only the metadata address names that address within its region', () => {
    const before = egressModel({ to: [internetExceptPrivate], ports: https });
    const after = egressModel({ to: [internetExceptPrivate], ports: https }, { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] });
    const diff = diffTraffic(before, after);
    expect(rows(diff.added)).toEqual(['shop/api > 169.254.169.254/32: none -> all']);
  });

  it('ingress from the outside is compared too: isolating a workload removes what came in from everywhere', () => {
    const open = egressModel();
    const isolated: ClusterModel = {
      ...open,
      policies: [
        {
          policy: {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: 'deny', namespace: 'shop' },
            spec: { podSelector: {}, policyTypes: ['Ingress'] },
          },
        },
      ],
    };
    const diff = diffTraffic(open, isolated);
    expect(rows(diff.removed)).toEqual(['anywhere outside > shop/api: all -> none', 'shop/api > shop/api: all -> none']);
    expect(diff.removed[0].outside?.cidrs).toEqual(['0.0.0.0/0', '::/0']);
  });
});
