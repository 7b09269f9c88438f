/**
 * The live Flowchart component (issue 6): rendered from a snapshot, one
 * clickable symbol per step (data-step-id), the selected one marked, and a new
 * snapshot (an edit) re-renders with the change.
 */

import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import Flowchart from '../../client/src/flowchart/Flowchart';
import outputEn from '../../client/src/i18n/output.en';
import outputId from '../../client/src/i18n/output.id';
import type { SopSnapshot } from '../../shared/model/types';
import { sampleSnapshot } from './flowchart-sample';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'id',
    resources: { id: { output: outputId }, en: { output: outputEn } },
    ns: ['output'],
    interpolation: { escapeValue: false },
  });
});

function render(snapshot: SopSnapshot, selectedStepId: string | null = null): string {
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(Flowchart, { snapshot, selectedStepId, onSelectStep: () => {} }),
    ),
  );
}

describe('Flowchart component', () => {
  it('renders one clickable symbol per step and marks the selected one', () => {
    const snap = sampleSnapshot();
    const html = render(snap, snap.steps[2]!.id);
    for (const s of snap.steps) expect(html).toContain(`data-step-id="${s.id}"`);
    expect((html.match(/role="button"/g) ?? []).length).toBe(snap.steps.length);
    expect((html.match(/aria-pressed="true"/g) ?? []).length).toBe(1);
    expect(html).toContain('Pelaksana');
    expect(html).toContain('>Ya<');
  });

  it('follows an edit: a new step and a renamed actor appear', () => {
    const snap = sampleSnapshot();
    const edited: SopSnapshot = structuredClone(snap);
    edited.steps.splice(2, 0, {
      ...edited.steps[2]!,
      id: 'new-step',
      kind: 'process',
      activity: 'Langkah baru',
      yes: null,
      no: null,
    });
    edited.actors[0] = { ...edited.actors[0]!, name: 'Sekretaris Dinas' };
    const html = render(edited);
    expect(html).toContain('data-step-id="new-step"');
    expect(html).toContain('Langkah baru');
    expect(html).toContain('Sekretaris Dinas');
    expect(render(snap)).not.toContain('Sekretaris Dinas');
  });

  it('says so when there are no steps', () => {
    const snap = sampleSnapshot();
    expect(render({ ...snap, steps: [] })).toContain('Belum ada langkah.');
  });
});
