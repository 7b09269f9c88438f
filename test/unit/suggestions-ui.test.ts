/**
 * Rules (issue 16 UI, static markup — no DOM needed): a suggestion is shown where it
 * applies (`data-testid="suggestion"`) with its author and the word-level change marked
 * (`<ins>` / `<del>`); a proposed step is a ghost row; a stale suggestion shows base,
 * current and proposal; accept and reject are offered to those who decide, withdraw to
 * the author; the flowchart gets a badge per step with suggestions; Indonesian by
 * default, English selectable.
 */
import i18next from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SopContext } from '../../client/src/editor/model/hooks';
import { CATALOGUES } from '../../client/src/i18n/index';
import { StepSuggestionRows } from '../../client/src/suggestions/StepSuggestionRows';
import { SuggestionFlowMarks } from '../../client/src/suggestions/SuggestionFlowMarks';
import {
  indexOf,
  SuggestionsContext,
  type SuggestionsValue,
} from '../../client/src/suggestions/SuggestionsContext';
import {
  type Author,
  Discussion,
  makeSuggestion,
  type SuggestionChange,
  Suggestions,
} from '../../shared/discussion/index';
import { labelsFor } from '../../shared/flowchart/labels';
import { layoutProcedure } from '../../shared/flowchart/layout';
import { createSop, SopDoc } from '../../shared/model/index';

const ana: Author = { id: 'ana', name: 'Ana Editor', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi Komentator', colour: '#0c0' };

async function i18n(lng: 'id' | 'en') {
  const inst = i18next.createInstance();
  const names = Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>;
  const resources = (l: 'id' | 'en') =>
    Object.fromEntries(names.map((ns) => [ns, CATALOGUES[ns][l]]));
  await inst.use(initReactI18next).init({
    lng,
    fallbackLng: 'id',
    resources: { id: resources('id'), en: resources('en') },
    interpolation: { escapeValue: false },
  });
  return inst;
}

function setup() {
  const sop = new SopDoc(createSop('sample', { now: new Date('2026-01-01T00:00:00Z') }));
  const discussion = new Discussion(new Y.Doc());
  const suggestions = new Suggestions(discussion);
  const x = { sop, discussion, suggestions };
  const ids = sop.steps.ids();
  const make = (change: SuggestionChange) => makeSuggestion(x, { author: budi, change }).id;
  return { ...x, ids, make };
}

function value(s: ReturnType<typeof setup>, user: Author, resolve: boolean): SuggestionsValue {
  const ok = async () => true;
  return {
    store: s.suggestions,
    sop: s.sop,
    user,
    canSuggest: true,
    canResolve: resolve,
    suggesting: !resolve,
    suggestMode: false,
    setSuggestMode: () => {},
    create: ok,
    accept: async () => 'ok',
    reject: ok,
    bulk: ok,
    discuss: async () => null,
  };
}

async function render(
  s: ReturnType<typeof setup>,
  v: SuggestionsValue,
  node: ReactNode,
  lng: 'id' | 'en' = 'id',
) {
  const inst = await i18n(lng);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: inst },
      createElement(
        SopContext.Provider,
        { value: s.sop },
        createElement(SuggestionsContext.Provider, { value: v }, node),
      ),
    ),
  );
}

const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;

describe('suggestion UI markup', () => {
  it('shows new wording on its row with the words marked, and accept/reject to an editor', async () => {
    const s = setup();
    const step = s.ids[2] as string;
    s.make({
      kind: 'stepText',
      stepId: step,
      field: 'activity',
      text: 'Menugaskan tim penyelamatan arsip',
    });
    const html = await render(
      s,
      value(s, ana, true),
      createElement(StepSuggestionRows, { stepId: step }),
    );
    expect(count(html, 'suggestion')).toBe(1);
    expect(html).toContain(`data-for-step="${step}"`);
    expect(html).toContain('Usulan rumusan Kegiatan');
    expect(html).toContain('oleh Budi Komentator');
    expect(html).toMatch(/<ins class="sg-ins">[^<]*Menugaskan/);
    expect(html).toMatch(/<del class="sg-del">[^<]*Menelaah/);
    expect(count(html, 'suggestion-accept')).toBe(1);
    expect(count(html, 'suggestion-reject')).toBe(1);
    expect(html).toContain('data-state="current"');
  });

  it('draws a proposed step as a ghost row after its step', async () => {
    const s = setup();
    const after = s.ids[4] as string;
    s.make({
      kind: 'insertStep',
      afterStepId: after,
      step: {
        kind: 'process',
        actorId: null,
        activity: 'Memotret kondisi arsip',
        requirements: 'Kamera',
        output: 'Foto',
        notes: '',
        time: { amount: 30, unit: 'minute' },
      },
    });
    const html = await render(
      s,
      value(s, ana, true),
      createElement(StepSuggestionRows, { stepId: after }),
    );
    expect(count(html, 'ghost-row')).toBe(1);
    expect(html).toContain('Memotret kondisi arsip');
    expect(html).toContain('30 menit');
    expect(count(html, 'suggestion')).toBe(1);
    expect(html).toContain('Langkah baru sesudah langkah 5');
    // nothing shown under another step
    const other = await render(
      s,
      value(s, ana, true),
      createElement(StepSuggestionRows, { stepId: s.ids[3] as string }),
    );
    expect(other).toBe('');
  });

  it('a stale suggestion shows base, current and proposal; a commenter only withdraws their own', async () => {
    const s = setup();
    const step = s.ids[1] as string;
    s.make({ kind: 'stepText', stepId: step, field: 'notes', text: 'Dicatat di agenda' });
    s.sop.steps.set(step, 'notes', 'Catatan rapat');
    const asAuthor = await render(
      s,
      value(s, budi, false),
      createElement(StepSuggestionRows, { stepId: step }),
    );
    expect(asAuthor).toContain('data-state="stale"');
    expect(count(asAuthor, 'suggestion-stale')).toBe(1);
    expect(asAuthor).toContain('Semula');
    expect(asAuthor).toContain('Sekarang');
    expect(asAuthor).toContain('Catatan rapat');
    expect(count(asAuthor, 'suggestion-accept')).toBe(0);
    expect(asAuthor).toContain('Tarik');
    const other = { id: 'citra', name: 'Citra', colour: '#00c' };
    const asOther = await render(
      s,
      value(s, other, false),
      createElement(StepSuggestionRows, { stepId: step }),
    );
    expect(count(asOther, 'suggestion-reject')).toBe(0);
    const en = await render(
      s,
      value(s, ana, true),
      createElement(StepSuggestionRows, { stepId: step }),
      'en',
    );
    expect(en).toContain('Suggested Notes');
    expect(en).toContain('Text changed');
    expect(en).toContain('Accept');
  });

  it('indexes open suggestions by place and marks their steps on the flowchart', async () => {
    const s = setup();
    const [a, b, c] = s.ids as [string, string, string];
    s.make({ kind: 'deleteStep', stepId: a });
    s.make({ kind: 'moveStep', stepId: c, afterStepId: null });
    s.make({ kind: 'identityText', field: 'name', text: 'SOP Baru' });
    const rejected = s.make({ kind: 'stepTime', stepId: b, time: { amount: 1, unit: 'day' } });
    s.suggestions.resolve(rejected, { status: 'rejected', by: ana, stale: false });
    const index = indexOf(s.suggestions.getSnapshot());
    expect(index.open).toHaveLength(3);
    expect(index.onStep.get(a)).toHaveLength(1);
    expect(index.onStep.has(b)).toBe(false);
    expect(index.identity.get('name')).toHaveLength(1);
    expect(index.byAuthor.get(budi.id)?.list).toHaveLength(3);
    const snap = s.sop.toSnapshot();
    const labels = labelsFor('id');
    const layout = layoutProcedure(snap, { labels, pageHeight: Number.POSITIVE_INFINITY });
    const page = layout.pages[0];
    if (!page) throw new Error('no page');
    const html = await render(
      s,
      value(s, ana, true),
      createElement(SuggestionFlowMarks, {
        page,
        width: layout.pageWidth,
        height: layout.pageHeight,
        markers: index.markers,
      }),
    );
    expect(count(html, 'flowchart-suggestion')).toBe(2);
    expect(html).toContain(`data-step-id="${a}"`);
    expect(html).toContain(`data-step-id="${c}"`);
    expect(html).toContain('1 usulan pada langkah ini');
  });
});
