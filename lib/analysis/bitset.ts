/**
 * A fixed-size set of small integers (endpoint-class indices) packed into 32-bit words,
 * so that set algebra over thousands of classes is a few hundred word operations.
 */
export class Bitset {
  /** A set holding every index below `size`. */
  static full(size: number): Bitset {
    const set = new Bitset(size);
    set.words.fill(0xffffffff);
    const tail = size & 31;
    if (tail !== 0) {
      set.words[set.words.length - 1] = (1 << tail) - 1;
    }
    return set;
  }

  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(index: number): boolean {
    return (this.words[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    this.words[index >>> 5] |= 1 << (index & 31);
  }

  /** this := this | other */
  orWith(other: Bitset): void {
    const words = this.words;
    const source = other.words;
    for (let i = 0; i < words.length; i++) {
      words[i] |= source[i];
    }
  }

  /** this := this | (a & b), without allocating the intersection. */
  orWithIntersection(a: Bitset, b: Bitset): void {
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      words[i] |= a.words[i] & b.words[i];
    }
  }

  /** How many indices both sets hold, without allocating the intersection. */
  countShared(other: Bitset): number {
    let total = 0;
    for (let i = 0; i < this.words.length; i++) {
      total += bitCount(this.words[i] & other.words[i]);
    }
    return total;
  }

  /** A new set: this & other. */
  and(other: Bitset): Bitset {
    const set = new Bitset(this.size);
    for (let i = 0; i < set.words.length; i++) {
      set.words[i] = this.words[i] & other.words[i];
    }
    return set;
  }

  /** A new set: this | other. */
  or(other: Bitset): Bitset {
    const set = new Bitset(this.size);
    for (let i = 0; i < set.words.length; i++) {
      set.words[i] = this.words[i] | other.words[i];
    }
    return set;
  }

  /** A new set: this & ~other. */
  andNot(other: Bitset): Bitset {
    const set = new Bitset(this.size);
    for (let i = 0; i < set.words.length; i++) {
      set.words[i] = this.words[i] & ~other.words[i];
    }
    return set;
  }

  isEmpty(): boolean {
    return this.words.every((word) => word === 0);
  }

  /** Calls `visit` with each index in both sets, ascending, without allocating. */
  forEachShared(other: Bitset, visit: (index: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w] & other.words[w];
      while (word !== 0) {
        const low = word & -word;
        visit((w << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }

  /** The indices in ascending order. */
  toArray(): number[] {
    const indices: number[] = [];
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w];
      while (word !== 0) {
        const low = word & -word;
        indices.push((w << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return indices;
  }
}

/** The number of set bits of a 32-bit word. */
function bitCount(word: number): number {
  word = word - ((word >>> 1) & 0x55555555);
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
