/**
 * Issue 15, the meeting room, pure parts of the client:
 * - H1 the header gives way step by step (shorten, then into "⋯") while the
 *   title is cut below its minimum or the row overflows, gives back only what
 *   the free space holds, and takes every step on a phone-width bar;
 * - G1 a follow-scroll waits while the pointer is down and until the page has
 *   been quiet; only the latest waits; a release that never came stops counting;
 * - K1 presenter keys: J/PageDown next, K/PageUp previous, never while typing;
 * - T1 a time amount is a number of 0 or more ("1,5" too); "-5", "abc", "1e5"
 *   are refused;
 * - P1 one person on two devices is one presence with a device count, and the
 *   user's own other device counts with "you";
 * - C1 a duplicated SOP gets a free name ("X (salinan)", "X (salinan 2)");
 * - R1 the presenter's bar has previous/next, the jump list and the
 *   presentation view; a follower's has follow.
 */
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type FitStep,
  itemStates,
  type Measure,
  PHONE_REM,
  pickHidden,
  TITLE_MIN_REM,
} from '../../client/src/components/headerFit';
import { groupPeople, PresenceStore } from '../../client/src/editor/presence/presenceStore';
import { parseAmount } from '../../client/src/editor/procedure/cells';
import { copyName } from '../../client/src/lib/api';
import type { SendCommand } from '../../client/src/lib/commands';
import { ReviewBar, type ReviewDeps, ReviewProvider } from '../../client/src/review/index';
import { type GateClock, type GateTarget, InputGate } from '../../client/src/review/inputGate';
import { presenterKeyMove } from '../../client/src/review/usePresenterKeys';
import { sopRights } from '../../shared/access/permissions';
import { type Author, Discussion, ReviewSessions } from '../../shared/discussion/index';
import { createSop, SopDoc } from '../../shared/model/index';

const REM = 17;
const steps: FitStep[] = [
  { item: 'brand', kind: 'compact', priority: 0.5 },
  { item: 'zoom', kind: 'menu', priority: 1 },
  { item: 'share', kind: 'compact', priority: 7.5 },
  { item: 'share', kind: 'menu', priority: 8 },
];
const widths = new Map([
  ['brand:full', 6],
  ['brand:compact', 2],
  ['zoom:full', 5],
  ['share:full', 7],
  ['share:compact', 2.4],
]);
const measure = (m: Partial<Measure>): Measure => ({
  rem: REM,
  rowWidth: 80 * REM,
  titleWidth: 30 * REM,
  titleNatural: 30 * REM,
  spacer: 0,
  overflow: 0,
  gapRem: 0.25,
  ...m,
});

describe('H1 header fitting', () => {
  it('takes a step while the title is cut below its minimum or the row overflows', () => {
    const cut = measure({ titleWidth: (TITLE_MIN_REM - 2) * REM, titleNatural: 30 * REM });
    expect(pickHidden(0, steps, widths, cut)).toBe(1);
    expect(pickHidden(1, steps, widths, measure({ overflow: 10 }))).toBe(2);
    expect(pickHidden(4, steps, widths, measure({ overflow: 10 }))).toBe(4);
    // A short title shown whole is fine, however short.
    expect(pickHidden(0, steps, widths, measure({ titleWidth: 90, titleNatural: 90 }))).toBe(0);
  });

  it('gives a step back only when the free space holds what it returns', () => {
    // Undoing "zoom into the menu" needs its 5rem plus a gap.
    expect(pickHidden(2, steps, widths, measure({ spacer: 5 * REM }))).toBe(2);
    expect(pickHidden(2, steps, widths, measure({ spacer: 5.3 * REM }))).toBe(1);
    // Undoing "brand compact" needs only the difference.
    expect(pickHidden(1, steps, widths, measure({ spacer: 4.1 * REM }))).toBe(0);
  });

  it('takes every step on a phone-width bar', () => {
    expect(pickHidden(0, steps, widths, measure({ rowWidth: (PHONE_REM - 1) * REM }))).toBe(4);
  });

  it('knows each item\u2019s state: compact first, then in the menu', () => {
    expect(itemStates(steps, 3).get('share')).toBe('compact');
    expect(itemStates(steps, 4).get('share')).toBe('menu');
    expect(itemStates(steps, 1).get('brand')).toBe('compact');
    expect(itemStates(steps, 1).has('zoom')).toBe(false);
  });
});

/** A fake clock and event source for the input gate. */
function fakeGate(quietMs = 500) {
  let now = 1000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let seq = 0;
  const clock: GateClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => {
      timers.delete(h as number);
    },
  };
  const listeners = new Map<string, (e: Event) => void>();
  const target: GateTarget = {
    addEventListener: (type, fn) => listeners.set(type, fn),
    removeEventListener: (type) => listeners.delete(type),
  };
  const gate = new InputGate(target, quietMs, clock);
  const fire = (type: string) => listeners.get(type)?.({} as Event);
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { gate, fire, advance };
}

describe('G1 the input gate', () => {
  it('runs at once when the page is quiet', () => {
    const { gate } = fakeGate();
    let ran = 0;
    gate.whenQuiet(() => ran++);
    expect(ran).toBe(1);
  });

  it('waits while the pointer is down, then until the page is quiet', () => {
    const { gate, fire, advance } = fakeGate(500);
    const ran: string[] = [];
    fire('pointermove');
    fire('pointerdown');
    gate.whenQuiet(() => ran.push('a'));
    gate.whenQuiet(() => ran.push('b')); // the presenter moved again: only the latest waits
    advance(2000);
    expect(ran).toEqual([]);
    fire('pointerup');
    advance(400);
    expect(ran).toEqual([]);
    advance(100);
    expect(ran).toEqual(['b']);
  });

  it('waits for quiet after typing, and a press that never ended stops counting', () => {
    const { gate, fire, advance } = fakeGate(500);
    const ran: string[] = [];
    fire('keydown');
    gate.whenQuiet(() => ran.push('typed'));
    advance(300);
    fire('keydown');
    advance(300);
    expect(ran).toEqual([]);
    advance(200);
    expect(ran).toEqual(['typed']);
    fire('pointerdown');
    gate.whenQuiet(() => ran.push('stuck'));
    advance(10_001);
    expect(ran).toEqual(['typed', 'stuck']);
  });

  it('forgets a waiting call when cancelled', () => {
    const { gate, fire, advance } = fakeGate(500);
    let ran = 0;
    fire('wheel');
    gate.whenQuiet(() => ran++);
    gate.cancel();
    advance(1000);
    expect(ran).toBe(0);
  });
});

describe('K1 presenter keys', () => {
  const key = (k: string, target: unknown = null, mods: Partial<KeyboardEvent> = {}) =>
    ({
      key: k,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      target,
      ...mods,
    }) as KeyboardEvent;
  it('moves with J/PageDown and K/PageUp, arrows only in the presentation view', () => {
    expect(presenterKeyMove(key('j'), false)).toBe(1);
    expect(presenterKeyMove(key('PageDown'), false)).toBe(1);
    expect(presenterKeyMove(key('K'), false)).toBe(-1);
    expect(presenterKeyMove(key('PageUp'), false)).toBe(-1);
    expect(presenterKeyMove(key('ArrowRight'), false)).toBe(0);
    expect(presenterKeyMove(key('ArrowRight'), true)).toBe(1);
    expect(presenterKeyMove(key(' '), true)).toBe(1);
  });
  it('never while typing or with a modifier', () => {
    expect(presenterKeyMove(key('j', { tagName: 'TEXTAREA' }), false)).toBe(0);
    expect(presenterKeyMove(key('j', { tagName: 'INPUT', type: 'text' }), false)).toBe(0);
    expect(presenterKeyMove(key('j', { tagName: 'DIV', isContentEditable: true }), false)).toBe(0);
    expect(presenterKeyMove(key('j', { tagName: 'BUTTON' }), false)).toBe(1);
    expect(presenterKeyMove(key('j', null, { ctrlKey: true }), false)).toBe(0);
  });
});

describe('T1 time amounts', () => {
  it('accepts numbers of 0 or more, with a comma or a point', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('30')).toBe(30);
    expect(parseAmount('1,5')).toBe(1.5);
    expect(parseAmount('1.5')).toBe(1.5);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount(',')).toBeNull();
    expect(parseAmount('2,')).toBe(2);
  });
  it('refuses negative, non-numeric and absurd amounts', () => {
    for (const v of ['-5', '-', 'abc', '1e5', '5 menit', '1,2,3', '2000000', 'Infinity'])
      expect(parseAmount(v), v).toBeUndefined();
  });
});

/** Sends `from`'s awareness state to `to`. */
function share(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

describe('P1 one person, one presence', () => {
  it('groups devices of one account and counts the user\u2019s own other devices', () => {
    const devices = ['siti', 'budi', 'budi', 'siti', null].map((id, i) => {
      const a = new Awareness(new Y.Doc());
      a.setLocalStateField(
        'user',
        id
          ? { id, name: id === 'siti' ? 'Siti Rahma' : 'Budi', color: '#123456' }
          : { name: `Tamu ${i}` },
      );
      return a;
    });
    const [mine, ...others] = devices;
    const store = new PresenceStore(mine!);
    store.setUser('Siti Rahma', '#123456', 'siti');
    for (const o of others) share(o, mine!);
    const people = store.getPeople();
    // (In client-id order, which is random: compare by name.)
    const byName = [...people].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName.map((p) => [p.name, p.devices])).toEqual([
      ['Budi', 2],
      ['Tamu 4', 1],
    ]);
    expect(store.getSelfDevices()).toBe(2);
    store.destroy();
  });

  it('groupPeople keeps clients without an account apart', () => {
    const peer = (clientId: number, userId: string | null) => ({
      clientId,
      userId,
      name: 'X',
      color: '#000',
      focus: null,
    });
    expect(groupPeople([peer(1, 'a'), peer(2, 'a'), peer(3, null), peer(4, null)]).length).toBe(3);
  });
});

describe('C1 names of copies', () => {
  it('finds a free name', () => {
    expect(copyName('SOP A', 'salinan', new Set())).toBe('SOP A (salinan)');
    expect(copyName('SOP A ', 'salinan', new Set(['SOP A (salinan)']))).toBe('SOP A (salinan 2)');
  });
});

describe('R1 the review bar', () => {
  const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
  const send: SendCommand = async () => ({}) as never;
  async function renderBar(user: Author) {
    const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
    const discussion = new Discussion(new Y.Doc());
    const review = new ReviewSessions(discussion);
    review.start(ana);
    const { role: _r, ...can } = sopRights({
      role: 'editor',
      status: 'in_review',
      unitApprover: false,
    });
    const deps: ReviewDeps = {
      sopId: 'sop1',
      sop: new SopDoc(doc),
      awareness: new Awareness(doc),
      discussion,
      review,
      send,
      can,
      user,
    };
    const inst = i18next.createInstance();
    await inst.use(initReactI18next).init({
      lng: 'id',
      resources: { id: { translation: {} } },
      interpolation: { escapeValue: false },
    });
    return renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: inst },
        createElement(ReviewProvider, { deps }, createElement(ReviewBar)),
      ),
    );
  }
  it('gives the presenter previous/next, the jump list and the presentation view', async () => {
    const html = await renderBar(ana);
    for (const id of ['review-prev', 'review-next', 'review-jump', 'review-present', 'review-end'])
      expect(html, id).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('data-testid="review-follow"');
  });
  it('gives a follower the follow toggle and the presentation view, not the controls', async () => {
    const html = await renderBar({ id: 'budi', name: 'Budi', colour: '#0c0' });
    expect(html).toContain('data-testid="review-follow"');
    expect(html).toContain('data-testid="review-present"');
    expect(html).not.toContain('data-testid="review-jump"');
  });
});
