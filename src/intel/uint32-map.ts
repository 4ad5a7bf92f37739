// A hash map from unsigned 32-bit integers to small integers, in one typed array. The
// observable index keeps IPv4 networks in these: a JavaScript Map would hold most of the
// address space's keys as heap numbers (above 2^30 they are not small integers), so every
// lookup would allocate and every entry would cost a pointer chase. Open addressing with
// linear probing; a key and its value sit side by side so that a lookup touches one cache
// line, and values are stored plus one so that zero marks an empty slot.

const EMPTY = 0;

export class Uint32Map {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Uint32Array(size * 2);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of `key`, or -1 when absent. */
  get(key: number): number {
    const slots = this.slots;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const v = slots[2 * i + 1]!;
      if (v === EMPTY) return -1;
      if (slots[2 * i] === key) return v - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Sets `key` to `value` (an integer from 0 to 2^32 - 2). */
  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const v = slots[2 * i + 1]!;
      if (v === EMPTY) {
        slots[2 * i] = key;
        slots[2 * i + 1] = value + 1;
        this.count++;
        return;
      }
      if (slots[2 * i] === key) {
        slots[2 * i + 1] = value + 1;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== EMPTY) this.set(old[i]!, old[i + 1]! - 1);
  }
}
