/**
 * SeqChain (issue 13): the watermark of a copy that holds every stored row up to it,
 * from links `prevSeq → seq` that arrive in any order; a link past the watermark is a gap.
 */
import { describe, expect, it } from 'vitest';
import { SeqChain } from '../../server/rooms/seqChain.js';

describe('SeqChain', () => {
  it('links in order extend the watermark; global seqs need not be contiguous', () => {
    const c = new SeqChain(10);
    c.add(10, 14);
    c.add(14, 20);
    expect(c.watermark).toBe(20);
    expect(c.hasGap).toBe(false);
    expect(c.has(14)).toBe(true);
    expect(c.has(21)).toBe(false);
  });

  it('a link that starts past the watermark is a gap until the link before it arrives', () => {
    const c = new SeqChain(10);
    c.add(14, 20);
    expect(c.watermark).toBe(10);
    expect(c.hasGap).toBe(true);
    c.add(10, 14);
    expect(c.watermark).toBe(20);
    expect(c.hasGap).toBe(false);
  });

  it('catching up from storage settles the links it covers and keeps the later ones', () => {
    const c = new SeqChain(0);
    c.add(5, 8);
    c.add(12, 15);
    c.caughtUpTo(12);
    expect(c.watermark).toBe(15);
    expect(c.hasGap).toBe(false);
    c.add(20, 30);
    c.caughtUpTo(25);
    expect(c.watermark).toBe(30);
  });

  it('a link starting below the watermark (rows set aside since) still extends it; old ones are ignored', () => {
    const c = new SeqChain(10);
    c.add(9, 12);
    expect(c.watermark).toBe(12);
    c.add(3, 7);
    expect(c.watermark).toBe(12);
    expect(c.hasGap).toBe(false);
  });
});
