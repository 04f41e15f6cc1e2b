import { Bitset } from '../../lib/analysis/bitset';

describe('Bitset', () => {
  it('full sets exactly the indices below its size, across word boundaries', () => {
    expect(Bitset.full(33).toArray()).toEqual(Array.from({ length: 33 }, (_, i) => i));
    expect(Bitset.full(64).toArray()).toHaveLength(64);
    expect(Bitset.full(0).isEmpty()).toBe(true);
  });

  it('adds, tests, unions and intersects', () => {
    const a = new Bitset(70);
    [0, 31, 32, 69].forEach((i) => a.add(i));
    const b = new Bitset(70);
    [31, 40, 69].forEach((i) => b.add(i));
    expect(a.has(31) && a.has(69) && !a.has(1)).toBe(true);
    expect(a.countShared(b)).toBe(2);
    const shared: number[] = [];
    a.forEachShared(b, (index) => shared.push(index));
    expect(shared).toEqual([31, 69]);
    const c = new Bitset(70);
    c.add(5);
    c.orWithIntersection(a, b);
    expect(c.toArray()).toEqual([5, 31, 69]);
    c.orWith(b);
    expect(c.toArray()).toEqual([5, 31, 40, 69]);
  });
});
