import {
  ALL_PORTS,
  NO_PORTS,
  formatPortSet,
  intersectPortSets,
  subtractPortSets,
  isEmptyPortSet,
  portRangeSet,
  portSetHas,
  unionPortSets,
} from '../../lib/analysis/port-set';

describe('PortSet algebra', () => {
  it('union merges overlapping and adjacent ranges and keeps protocols apart', () => {
    const set = unionPortSets(portRangeSet('TCP', 80, 90), portRangeSet('TCP', 91), portRangeSet('TCP', 85, 86), portRangeSet('UDP', 53));
    expect(set).toEqual({ TCP: [{ from: 80, to: 91 }], UDP: [{ from: 53, to: 53 }], SCTP: [] });
  });

  it('union keeps a gap of one port as two ranges, sorted', () => {
    expect(unionPortSets(portRangeSet('TCP', 100), portRangeSet('TCP', 80, 98)).TCP).toEqual([
      { from: 80, to: 98 },
      { from: 100, to: 100 },
    ]);
  });

  it('intersection of ranges is range-wise', () => {
    const a = unionPortSets(portRangeSet('TCP', 1, 100), portRangeSet('TCP', 200, 300), portRangeSet('UDP', 53));
    const b = unionPortSets(portRangeSet('TCP', 50, 250), portRangeSet('SCTP', 53));
    expect(intersectPortSets(a, b)).toEqual({
      TCP: [
        { from: 50, to: 100 },
        { from: 200, to: 250 },
      ],
      UDP: [],
      SCTP: [],
    });
  });

  it('ALL_PORTS and NO_PORTS are the identities', () => {
    const set = portRangeSet('UDP', 53);
    expect(intersectPortSets(ALL_PORTS, set)).toEqual(set);
    expect(unionPortSets(NO_PORTS, set)).toEqual(set);
    expect(isEmptyPortSet(NO_PORTS)).toBe(true);
    expect(isEmptyPortSet(set)).toBe(false);
    expect(isEmptyPortSet(intersectPortSets(set, portRangeSet('TCP', 53)))).toBe(true);
  });

  it('ranges are clipped to 1..65535', () => {
    expect(portRangeSet('TCP', 0, 70000).TCP).toEqual([{ from: 1, to: 65535 }]);
  });

  it('membership is per protocol and inclusive at both ends', () => {
    const set = portRangeSet('TCP', 8000, 8080);
    expect(portSetHas(set, { port: 8000, protocol: 'TCP' })).toBe(true);
    expect(portSetHas(set, { port: 8080, protocol: 'TCP' })).toBe(true);
    expect(portSetHas(set, { port: 8081, protocol: 'TCP' })).toBe(false);
    expect(portSetHas(set, { port: 8000, protocol: 'UDP' })).toBe(false);
  });

  it('formats as all, none, or per protocol with * for a whole protocol', () => {
    expect(formatPortSet(ALL_PORTS)).toBe('all');
    expect(formatPortSet(NO_PORTS)).toBe('none');
    expect(formatPortSet(unionPortSets(portRangeSet('TCP', 80), portRangeSet('TCP', 8000, 8080), portRangeSet('UDP', 1, 65535)))).toBe(
      'TCP 80, TCP 8000-8080, UDP all',
    );
  });
});

describe('subtractPortSets', () => {
  it('removes ranges, splitting where a hole falls inside', () => {
    expect(subtractPortSets(portRangeSet('TCP', 1, 100), portRangeSet('TCP', 10, 20))).toEqual(unionPortSets(portRangeSet('TCP', 1, 9), portRangeSet('TCP', 21, 100)));
    expect(subtractPortSets(portRangeSet('TCP', 10, 20), portRangeSet('TCP', 1, 100))).toEqual(NO_PORTS);
    expect(subtractPortSets(ALL_PORTS, portRangeSet('UDP', 53))).toEqual(unionPortSets(portRangeSet('TCP', 1, 65535), portRangeSet('SCTP', 1, 65535), portRangeSet('UDP', 1, 52), portRangeSet('UDP', 54, 65535)));
    expect(subtractPortSets(unionPortSets(portRangeSet('TCP', 1, 5), portRangeSet('TCP', 8, 12)), unionPortSets(portRangeSet('TCP', 3, 9), portRangeSet('TCP', 12, 12)))).toEqual(
      unionPortSets(portRangeSet('TCP', 1, 2), portRangeSet('TCP', 10, 11)),
    );
  });
});
