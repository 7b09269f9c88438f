/**
 * A byte reader that never reads past the end of its buffer and bounds every count.
 * Used to validate untrusted Yjs payloads before Yjs decodes them: lib0's decoders
 * return `undefined` past the end (readUint8) and Yjs trusts declared counts, which is
 * how crafted updates loop or exhaust memory (yjs issues #479, #498, #687).
 */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export class BoundedReader {
  pos = 0;
  constructor(readonly arr: Uint8Array) {}

  get remaining(): number {
    return this.arr.length - this.pos;
  }

  uint8(): number {
    if (this.pos >= this.arr.length) throw new DecodeError('unexpected end of message');
    return this.arr[this.pos++]!;
  }

  /** Unsigned LEB128 varint, at most 2^53 - 1. */
  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const r = this.uint8();
      num += (r & 0x7f) * mult;
      if (r < 0x80) return num;
      mult *= 128;
      if (mult > 2 ** 53) throw new DecodeError('integer out of range');
    }
  }

  /** A signed varint as written by lib0 `writeVarInt` (sign in bit 6 of the first byte). */
  varInt(): number {
    let r = this.uint8();
    let num = r & 0x3f;
    let mult = 64;
    if (r < 0x80) return num;
    for (;;) {
      r = this.uint8();
      num += (r & 0x7f) * mult;
      if (r < 0x80) return num;
      mult *= 128;
      if (mult > 2 ** 53) throw new DecodeError('integer out of range');
    }
  }

  /** A count of items that each take at least `minBytesEach` bytes: bounded by what is left. */
  count(minBytesEach = 1): number {
    const n = this.varUint();
    if (n * minBytesEach > this.remaining)
      throw new DecodeError('declared count exceeds message size');
    return n;
  }

  bytes(len: number): Uint8Array {
    if (len > this.remaining) throw new DecodeError('unexpected end of message');
    const out = this.arr.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  varUint8Array(): Uint8Array {
    return this.bytes(this.varUint());
  }

  varString(): string {
    try {
      return textDecoder.decode(this.varUint8Array());
    } catch (err) {
      if (err instanceof DecodeError) throw err;
      throw new DecodeError('invalid utf-8 string');
    }
  }

  /** lib0 `readAny` encoding, validated with a nesting bound. */
  any(depth = 0): void {
    if (depth > 64) throw new DecodeError('value nested too deeply');
    const t = this.uint8();
    switch (t) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        this.varInt();
        return;
      case 124:
        this.bytes(4);
        return;
      case 123:
      case 122:
        this.bytes(8);
        return;
      case 119:
        this.varString();
        return;
      case 118: {
        const n = this.count(2);
        for (let i = 0; i < n; i++) {
          this.varString();
          this.any(depth + 1);
        }
        return;
      }
      case 117: {
        const n = this.count(1);
        for (let i = 0; i < n; i++) this.any(depth + 1);
        return;
      }
      case 116:
        this.varUint8Array();
        return;
      default:
        throw new DecodeError(`unknown value type ${t}`);
    }
  }
}
