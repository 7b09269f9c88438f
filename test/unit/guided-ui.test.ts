/**
 * Guided meeting UI (issue 18), static markup: the agenda bar carries the test-id
 * contract (`guided-stage` ×5 with `data-stage` 1-5 and `aria-current="step"` on the
 * current one, `guided-next`, `guided-end`), shows what blocks each stage, the
 * facilitator and the timebox; `guided-start` is offered to editors only; the stage
 * views render (stage 2 with `guided-paste`); Indonesian by default, English
 * selectable; typed open points keep their stage.
 */
import i18next from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SopContext } from '../../client/src/editor/model/hooks';
import { GuidedBar } from '../../client/src/guided/GuidedBar';
import { GuidedStart } from '../../client/src/guided/GuidedStart';
import { GuidedView } from '../../client/src/guided/GuidedView';
import { parseOpenPoints } from '../../client/src/guided/openPoints';
import type { GuidedApi } from '../../client/src/guided/useGuided';
import type { SopCan } from '../../client/src/lib/workflowApi';
import { sopRights } from '../../shared/access/permissions';
import type { Author } from '../../shared/discussion/index';
import {
  completeness,
  type GuidedSession,
  GuidedSessions,
  type StageNo,
} from '../../shared/guided/index';
import { createSop, SopDoc } from '../../shared/model/index';

const ani: Author = { id: 'ani', name: 'Ani Lestari', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi Santoso', colour: '#0c0' };

function rights(role: 'owner' | 'editor' | 'viewer'): SopCan {
  const { role: _r, ...can } = sopRights({ role, status: 'draft', unitApprover: false });
  return can;
}

async function i18n(lng: 'id' | 'en') {
  const inst = i18next.createInstance();
  await inst.use(initReactI18next).init({
    lng,
    fallbackLng: 'id',
    resources: { id: { translation: {} }, en: { translation: {} } },
    interpolation: { escapeValue: false },
  });
  return inst;
}

function fake(opts: {
  user: Author;
  can?: SopCan;
  session?: GuidedSession | null;
  viewStage?: StageNo;
  template?: 'sop-ap' | 'sample';
}): GuidedApi {
  const sop = new SopDoc(createSop(opts.template ?? 'sop-ap'));
  const snapshot = sop.toSnapshot();
  const session = opts.session ?? null;
  const noop = () => {};
  return {
    deps: {
      sopId: 'sop1',
      talk: {} as never,
      sop,
      snapshot,
      can: opts.can ?? rights('editor'),
      user: opts.user,
      notify: noop,
      errorText: () => '',
    },
    session,
    record: null,
    closeRecord: noop,
    lastEnded: null,
    openRecord: noop,
    isFacilitator: !!session && session.facilitator.id === opts.user.id,
    canEdit: (opts.can ?? rights('editor')).edit,
    viewStage: opts.viewStage ?? session?.stage ?? 1,
    following: true,
    follow: noop,
    show: noop,
    next: noop,
    prev: noop,
    showAll: false,
    setShowAll: noop,
    completeness: completeness(snapshot, { taskFunction: session?.taskFunction ?? '' }),
    busy: false,
    start: async () => {},
    run: async () => null,
  };
}

/** A session that moved to `stage` `minutesAgo` minutes ago (the bar's timer reads the clock). */
function session(stage: StageNo = 1, timebox?: number, minutesAgo = 1): GuidedSession {
  let t = Date.now() - minutesAgo * 60_000 - 60_000;
  const g = new GuidedSessions(new Y.Doc(), { now: () => t });
  const id = g.start(ani);
  if (timebox) g.setTimebox(id, stage, timebox);
  t += 60_000;
  g.setStage(id, stage, ani);
  return g.get(id) as GuidedSession;
}

async function render(api: GuidedApi, node: ReactNode, lng: 'id' | 'en' = 'id') {
  const inst = await i18n(lng);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: inst },
      createElement(SopContext.Provider, { value: api.deps.sop }, node),
    ),
  );
}

const count = (html: string, s: string) => html.split(s).length - 1;

describe('agenda bar', () => {
  it('five stages with data-stage 1-5, the current one aria-current="step", next and end', async () => {
    const api = fake({ user: ani, session: session(2, 15) });
    const html = await render(api, createElement(GuidedBar, { api: api }));
    expect(count(html, 'data-testid="guided-stage"')).toBe(5);
    for (const n of [1, 2, 3, 4, 5]) expect(html).toContain(`data-stage="${n}"`);
    expect(count(html, 'aria-current="step"')).toBe(1);
    expect(html).toMatch(/data-stage="2"[^>]*aria-current="step"/);
    expect(html).toContain('data-testid="guided-next"');
    expect(html).toContain('data-testid="guided-end"');
    // A blank SOP: stage 2 is blocked (no activities, no pelaksana), shown with a count.
    expect(html).toMatch(/data-stage="2"[^>]*data-state="error"/);
    expect(html).toContain('Kegiatan');
    expect(html).toContain('Anda memandu');
    // 15 minutes for the stage, about one spent: time left; twenty spent: time over.
    expect(html).toMatch(/class="guided-timer-left">sisa 1[34]:\d\d</);
    expect(html).toContain('data-testid="guided-timebox-edit">15′');
    const over = fake({ user: ani, session: session(2, 15, 20) });
    expect(await render(over, createElement(GuidedBar, { api: over }))).toMatch(
      /data-over="true".*guided-timer-left">lewat [45]:\d\d</,
    );
  });

  it('a follower sees who facilitates, may take over as editor, and cannot end or set timeboxes', async () => {
    const api = fake({ user: budi, session: session(3) });
    const html = await render(api, createElement(GuidedBar, { api: api }));
    expect(html).toContain('Fasilitator: Ani Lestari');
    expect(html).toContain('Ambil alih');
    expect(html).not.toContain('data-testid="guided-end"');
    expect(html).not.toContain('guided-timebox-edit');
    const viewer = fake({ user: budi, session: session(3), can: rights('viewer') });
    expect(await render(viewer, createElement(GuidedBar, { api: viewer }))).not.toContain(
      'Ambil alih',
    );
  });

  it('speaks English when chosen', async () => {
    const api = fake({ user: ani, session: session(1) });
    const html = await render(api, createElement(GuidedBar, { api: api }), 'en');
    for (const s of [
      'Need and name',
      'Activities',
      'Identity',
      'Flowchart',
      'Document',
      'Next stage',
      'End meeting',
      'You are facilitating',
    ])
      expect(html).toContain(s);
  });

  it('renders nothing without a running session', async () => {
    const api = fake({ user: ani });
    expect(await render(api, createElement(GuidedBar, { api: api }))).toBe('');
  });
});

describe('start button', () => {
  it('is offered to editors and owners without a running meeting, never to viewers', async () => {
    for (const role of ['editor', 'owner'] as const) {
      const api = fake({ user: ani, can: rights(role) });
      expect(await render(api, createElement(GuidedStart, { api: api }))).toContain(
        'data-testid="guided-start"',
      );
    }
    const viewer = fake({ user: ani, can: rights('viewer') });
    expect(await render(viewer, createElement(GuidedStart, { api: viewer }))).not.toContain(
      'guided-start',
    );
    const running = fake({ user: ani, session: session(1) });
    expect(await render(running, createElement(GuidedStart, { api: running }))).not.toContain(
      'guided-start',
    );
  });
});

describe('stage views', () => {
  it('stage 2 has the one-per-line entry and the paste box; what is missing is listed', async () => {
    const api = fake({ user: ani, session: session(2) });
    const html = await render(api, createElement(GuidedView, { api: api }));
    expect(html).toContain('data-testid="guided-paste"');
    expect(html).toContain('data-testid="guided-quick"');
    expect(html).toContain('Belum ada kegiatan di antara Mulai dan Selesai.');
    expect(count(html, 'data-testid="guided-step"')).toBe(2);
  });

  it('stage 3 explains each identity field in both languages', async () => {
    const api = fake({ user: ani, session: session(3) });
    expect(await render(api, createElement(GuidedView, { api: api }))).toContain(
      'Akibat bila SOP tidak dilaksanakan.',
    );
    expect(await render(api, createElement(GuidedView, { api: api }), 'en')).toContain(
      'What happens when the SOP is not followed.',
    );
  });

  it('stage 4 lists the flowchart problems of a blank SOP as links to the steps', async () => {
    const api = fake({ user: ani, session: session(4) });
    const html = await render(api, createElement(GuidedView, { api: api }));
    expect(html).toContain('Yang salah pada diagram');
    expect(count(html, 'data-code="step-no-actor"')).toBe(2);
    expect(html).toContain('class="link-button"');
  });

  it('a valid SOP shows no problems in stage 4', async () => {
    const api = fake({ user: ani, session: session(4), template: 'sample' });
    expect(await render(api, createElement(GuidedView, { api: api }))).toContain(
      'Diagram alir tidak bermasalah.',
    );
  });
});

describe('open points typed at the end', () => {
  it('keep the stage named by "n:" and fall back to the current stage', () => {
    expect(
      parseOpenPoints('2: Waktu belum disepakati\n\n  Nomor SOP\n7: bukan tahap\n5) Reviu', 3),
    ).toEqual([
      { stage: 2, text: 'Waktu belum disepakati' },
      { stage: 3, text: 'Nomor SOP' },
      { stage: 3, text: '7: bukan tahap' },
      { stage: 5, text: 'Reviu' },
    ]);
    expect(
      parseOpenPoints(Array.from({ length: 150 }, (_, i) => `p${i}`).join('\n'), 1),
    ).toHaveLength(100);
  });
});
