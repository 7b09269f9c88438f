/**
 * Rules (issue 16) for what a suggestion means for the content: its base is the value
 * it was made against; it is stale when that value changed and obsolete when its step,
 * pelaksana or narrative span is gone; accepting applies exactly its change; a
 * narrative suggestion follows its span through edits made before it (relative
 * positions) and replaces just that span.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Author,
  acceptSuggestion,
  baseFor,
  Discussion,
  DiscussionError,
  fragmentPlainText,
  makeSuggestion,
  narrativeAnchorFromOffsets,
  rejectSuggestion,
  type SuggestionChange,
  type SuggestionDocs,
  Suggestions,
  standingOf,
} from '../../shared/discussion/index';
import { createSop, SopDoc } from '../../shared/model/index';

const ana: Author = { id: 'u-ana', name: 'Ana', colour: '#123456' };
const budi: Author = { id: 'u-budi', name: 'Budi', colour: '#654321' };

function setup(): SuggestionDocs & { content: Y.Doc } {
  const content = createSop('sample', { now: new Date('2026-11-01T00:00:00Z') });
  const sop = new SopDoc(content);
  const discussion = new Discussion(new Y.Doc());
  return { content, sop, discussion, suggestions: new Suggestions(discussion) };
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DiscussionError) return e.code;
    throw e;
  }
  return 'none';
}

describe('suggestions and the content', () => {
  it('never touches the content until accepted; accepting applies it once', () => {
    const x = setup();
    const [s1] = x.sop.steps.ids();
    const before = JSON.stringify(x.sop.toSnapshot());
    const change: SuggestionChange = {
      kind: 'stepText',
      stepId: s1 as string,
      field: 'notes',
      text: 'Dicatat di buku agenda',
    };
    const { id } = makeSuggestion(x, { author: budi, change });
    expect(JSON.stringify(x.sop.toSnapshot())).toBe(before);
    expect(x.suggestions.get(id)?.base).toBe(x.sop.steps.get(s1 as string)?.notes);
    const out = acceptSuggestion(x, id, ana);
    expect(out.ok).toBe(true);
    expect(x.sop.steps.get(s1 as string)?.notes).toBe('Dicatat di buku agenda');
    expect(x.suggestions.get(id)?.resolution).toMatchObject({
      status: 'accepted',
      by: ana,
      stale: false,
    });
    expect(acceptSuggestion(x, id, ana)).toMatchObject({ ok: false, error: 'already-resolved' });
    expect(rejectSuggestion(x, id, ana).ok).toBe(false);
  });

  it('flags stale when the base changed, applies only when confirmed', () => {
    const x = setup();
    const id0 = x.sop.steps.ids()[0] as string;
    const { id } = makeSuggestion(x, {
      author: budi,
      change: { kind: 'stepText', stepId: id0, field: 'activity', text: 'Menerima laporan' },
    });
    x.sop.steps.set(id0, 'activity', 'Menerima laporan kejadian bencana');
    const s = x.suggestions.get(id);
    expect(s && standingOf(s, x.sop)).toMatchObject({
      state: 'stale',
      current: 'Menerima laporan kejadian bencana',
      proposal: 'Menerima laporan',
    });
    expect(acceptSuggestion(x, id, ana)).toMatchObject({ ok: false, error: 'stale' });
    expect(x.sop.steps.get(id0)?.activity).toBe('Menerima laporan kejadian bencana');
    expect(acceptSuggestion(x, id, ana, { confirmStale: true })).toMatchObject({
      ok: true,
      stale: true,
    });
    expect(x.sop.steps.get(id0)?.activity).toBe('Menerima laporan');
  });

  it('keeps edits made elsewhere in the same field: the changed part is anchored', () => {
    const x = setup();
    const id0 = x.sop.steps.ids()[0] as string;
    x.sop.steps.set(id0, 'notes', 'Laporan dicatat di buku agenda');
    const { id } = makeSuggestion(x, {
      author: budi,
      change: {
        kind: 'stepText',
        stepId: id0,
        field: 'notes',
        text: 'Laporan dicatat di register surat',
      },
    });
    expect(x.suggestions.get(id)?.span).toMatchObject({
      from: 'buku agenda',
      to: 'register surat',
    });
    // Someone types before and right after the part: still current, both kept.
    const t = x.sop.steps.text(id0, 'notes');
    x.content.transact(() => {
      t.insert(0, 'Segera: ');
      t.insert(t.length, ' masuk');
    });
    const s = x.suggestions.get(id);
    expect(s && standingOf(s, x.sop)).toMatchObject({
      state: 'current',
      proposal: 'Segera: Laporan dicatat di register surat masuk',
    });
    expect(acceptSuggestion(x, id, ana)).toMatchObject({ ok: true, stale: false });
    expect(x.sop.steps.get(id0)?.notes).toBe('Segera: Laporan dicatat di register surat masuk');
    // A change inside the part makes the next one stale.
    const next = makeSuggestion(x, {
      author: budi,
      change: { kind: 'stepText', stepId: id0, field: 'notes', text: 'Segera: dicatat' },
    }).id;
    x.sop.steps.set(id0, 'notes', 'Segera: Laporan ditulis di register surat masuk');
    const n = x.suggestions.get(next);
    expect(n && standingOf(n, x.sop).state).toBe('stale');
  });

  it('marks obsolete when the step or the pelaksana is gone', () => {
    const x = setup();
    const [a, b] = x.sop.steps.ids() as [string, string];
    const actor = x.sop.actors.add('Pelaksana baru');
    const text = makeSuggestion(x, {
      author: budi,
      change: { kind: 'stepText', stepId: a, field: 'output', text: 'Hasil' },
    }).id;
    const who = makeSuggestion(x, {
      author: budi,
      change: { kind: 'stepActor', stepId: b, actorId: actor, stepKind: 'process' },
    }).id;
    x.sop.steps.delete(a);
    x.sop.actors.delete(actor);
    expect(acceptSuggestion(x, text, ana)).toMatchObject({
      ok: false,
      error: 'obsolete',
      reason: 'step-deleted',
    });
    expect(acceptSuggestion(x, who, ana)).toMatchObject({
      ok: false,
      error: 'obsolete',
      reason: 'actor-deleted',
    });
    expect(x.suggestions.get(text)?.resolution?.status).toBe('obsolete');
  });

  it('checks a change before storing it', () => {
    const x = setup();
    const [a, b] = x.sop.steps.ids() as [string, string];
    expect(errorCode(() => baseFor({ kind: 'deleteStep', stepId: 's_gone' }, x.sop))).toBe(
      'unknown-step',
    );
    expect(
      errorCode(() =>
        baseFor({ kind: 'stepActor', stepId: a, actorId: 'a_gone', stepKind: 'process' }, x.sop),
      ),
    ).toBe('unknown-actor');
    expect(errorCode(() => baseFor({ kind: 'moveStep', stepId: b, afterStepId: a }, x.sop))).toBe(
      'no-change',
    );
    expect(errorCode(() => baseFor({ kind: 'moveStep', stepId: a, afterStepId: a }, x.sop))).toBe(
      'invalid-suggestion',
    );
    expect(x.suggestions.getSnapshot().list).toHaveLength(0);
  });

  it('moves, inserts, deletes, re-times and reassigns steps; rewrites identity and lists', () => {
    const x = setup();
    const ids = [...x.sop.steps.ids()];
    const actor = x.sop.actors.ids()[1] as string;
    const changes: SuggestionChange[] = [
      { kind: 'moveStep', stepId: ids[3] as string, afterStepId: null },
      {
        kind: 'insertStep',
        afterStepId: ids[5] as string,
        step: {
          kind: 'process',
          actorId: actor,
          activity: 'Memotret kondisi arsip',
          requirements: 'Kamera',
          output: 'Foto',
          notes: '',
          time: { amount: 30, unit: 'minute' },
        },
      },
      { kind: 'deleteStep', stepId: ids[7] as string },
      { kind: 'stepTime', stepId: ids[1] as string, time: { amount: 2, unit: 'day' } },
      { kind: 'stepActor', stepId: ids[2] as string, actorId: actor, stepKind: 'decision' },
      { kind: 'identityText', field: 'name', text: 'SOP Penyelamatan Arsip Vital' },
      { kind: 'identityList', box: 'legalBasis', items: ['UU 43/2009', 'PP 28/2012'] },
    ];
    const made = changes.map((change) => makeSuggestion(x, { author: budi, change }).id);
    const outs = made.map((id) => acceptSuggestion(x, id, ana));
    expect(outs.every((o) => o.ok)).toBe(true);
    const steps = x.sop.steps.ids();
    expect(steps[0]).toBe(ids[3]);
    const inserted = outs[1]?.ok ? outs[1].stepId : undefined;
    expect(steps[steps.indexOf(ids[5] as string) + 1]).toBe(inserted);
    expect(x.sop.steps.get(inserted as string)).toMatchObject({
      activity: 'Memotret kondisi arsip',
      actorId: actor,
      time: { amount: 30, unit: 'minute' },
    });
    expect(x.sop.steps.has(ids[7] as string)).toBe(false);
    expect(x.sop.steps.get(ids[1] as string)?.time).toEqual({ amount: 2, unit: 'day' });
    expect(x.sop.steps.get(ids[2] as string)).toMatchObject({ actorId: actor, kind: 'decision' });
    expect(x.sop.identity.get().name).toBe('SOP Penyelamatan Arsip Vital');
    expect(x.sop.identity.get().legalBasis).toEqual(['UU 43/2009', 'PP 28/2012']);
  });

  it('a narrative suggestion follows its span and replaces only it', () => {
    const x = setup();
    const section = x.sop.narrative.keys()[0] as string;
    const fragment = x.sop.narrative.fragment(section);
    const text = fragmentPlainText(fragment);
    const word = text.split(' ').slice(1, 3).join(' ');
    const start = text.indexOf(word);
    const anchor = narrativeAnchorFromOffsets(fragment, section, start, start + word.length);
    const change: SuggestionChange = {
      kind: 'narrative',
      section,
      start: anchor.start,
      end: anchor.end,
      text: 'KATA PENGGANTI',
    };
    const { id } = makeSuggestion(x, { author: budi, change });
    expect(x.suggestions.get(id)?.base).toBe(word);
    // Text typed before the span moves it; the suggestion still finds it.
    const firstText = fragment.get(0);
    x.content.transact(() => {
      const node = (firstText as Y.XmlElement).get(0) as Y.XmlText;
      node.insert(0, 'Awal. ');
    });
    const s = x.suggestions.get(id);
    expect(s && standingOf(s, x.sop).state).toBe('current');
    expect(acceptSuggestion(x, id, ana).ok).toBe(true);
    const after = fragmentPlainText(fragment);
    expect(after).toBe(
      `Awal. ${text.slice(0, start)}KATA PENGGANTI${text.slice(start + word.length)}`,
    );
    // A second suggestion on a span that is then deleted is obsolete.
    const a2 = narrativeAnchorFromOffsets(fragment, section, 0, 5);
    const gone = makeSuggestion(x, {
      author: budi,
      change: { kind: 'narrative', section, start: a2.start, end: a2.end, text: 'X' },
    }).id;
    x.content.transact(() => {
      const node = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      node.delete(0, 6);
    });
    expect(acceptSuggestion(x, gone, ana)).toMatchObject({
      error: 'obsolete',
      reason: 'span-deleted',
    });
  });

  it('reads a malformed stored entry as no suggestion', () => {
    const x = setup();
    x.discussion.doc.getMap('suggestions').set('bogus', 'not a map');
    const m = new Y.Map<unknown>();
    x.discussion.doc.getMap('suggestions').set('half', m);
    m.set('id', 'half');
    m.set('change', { kind: 'stepText', stepId: 5 });
    expect(x.suggestions.getSnapshot().list).toHaveLength(0);
    expect(errorCode(() => acceptSuggestion(x, 'half', ana))).toBe('unknown-suggestion');
  });
});
