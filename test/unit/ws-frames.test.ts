/**
 * Broadcast frames (server/transport/frames.ts): the bytes are exactly the frame ws itself
 * writes for a binary message from a server, at every length encoding; a message is framed
 * once, from its second send on (its first goes through ws).
 */
import { describe, expect, it } from 'vitest';
// ws's own framing (its Sender, exported but not typed), as its WebSocket.send uses it.
import * as ws from 'ws';
import { binaryFrame, broadcastFrame } from '../../server/transport/frames.js';

function wsFrame(payload: Uint8Array): Buffer {
  const { Sender } = ws as unknown as {
    Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
  };
  const parts = Sender.frame(Buffer.from(payload), {
    fin: true,
    opcode: 2,
    mask: false,
    readOnly: true,
    rsv1: false,
  });
  return Buffer.concat(parts);
}

describe('binaryFrame', () => {
  it('matches ws byte for byte at every length encoding', () => {
    for (const n of [0, 1, 23, 125, 126, 127, 1000, 65535, 65536, 70_000]) {
      const payload = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(binaryFrame(payload).equals(wsFrame(payload)), `length ${n}`).toBe(true);
    }
  });

  it('frames a view into a larger buffer by its own bytes only', () => {
    const backing = new Uint8Array(100).map((_, i) => i);
    const view = backing.subarray(10, 20);
    expect(binaryFrame(view).equals(wsFrame(view))).toBe(true);
  });
});

describe('broadcastFrame', () => {
  it('leaves a first send to ws, then frames the message once for the sends that follow', () => {
    const a = new Uint8Array([0, 2, 1, 7]);
    const b = new Uint8Array([0, 2, 1, 7]);
    expect(broadcastFrame(a)).toBeNull();
    const fa = broadcastFrame(a);
    expect(fa?.equals(binaryFrame(a))).toBe(true);
    expect(broadcastFrame(a)).toBe(fa);
    // Another message, even with the same bytes, starts over.
    expect(broadcastFrame(b)).toBeNull();
    const fb = broadcastFrame(b);
    expect(fb).not.toBe(fa);
    expect(broadcastFrame(a)).toBeNull();
  });
});
