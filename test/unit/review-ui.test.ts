/**
 * Rules (issue 8 UI, static markup — no DOM needed): with no session the
 * start button shows (disabled on an approved SOP); during a session the
 * banner, follow toggle, overall tally and per-step verdict buttons carry the
 * test hooks, and two reviewers' verdicts add up in the tallies; the status
 * badge offers approval only where the workflow allows it; an approved SOP
 * shows the revision banner; a stored snapshot renders read-only; Indonesian
 * by default, English selectable; the review namespace registers itself.
 */
import i18next from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SendCommand } from '../../client/src/lib/commands';
import type { SopCan } from '../../client/src/lib/workflowApi';
import { ApprovalChain } from '../../client/src/review/ApprovalChain';
import { defaultEffectiveDate } from '../../client/src/review/ApproveDialog';
import {
  ReviewBar,
  type ReviewDeps,
  ReviewProvider,
  RevisionBanner,
  SnapshotView,
  StatusControl,
  StepVerdicts,
} from '../../client/src/review/index';
import { sopRights } from '../../shared/access/permissions';
import { type Author, Discussion, ReviewSessions } from '../../shared/discussion/index';
import { approve, createSop, SopDoc, toSnapshot } from '../../shared/model/index.js';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };

async function i18n(lng: 'id' | 'en') {
  // No 'review' resources here on purpose: the components register them.
  const inst = i18next.createInstance();
  await inst.use(initReactI18next).init({
    lng,
    fallbackLng: 'id',
    resources: { id: { translation: {} }, en: { translation: {} } },
    interpolation: { escapeValue: false },
  });
  return inst;
}

/** What an editor who also approves for the SOP's unit may do on a draft. */
function rights(
  role: 'owner' | 'editor' | 'commenter' | 'viewer',
  status = 'draft',
  unitApprover = true,
): SopCan {
  const { role: _role, ...can } = sopRights({ role, status, unitApprover });
  return can;
}
/** Rendering sends nothing; a stub satisfies the dependency. */
const send: SendCommand = async () => ({}) as never;

function setup(user: Author = budi, can: SopCan = rights('editor')) {
  const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
  const sop = new SopDoc(doc);
  const discussion = new Discussion(new Y.Doc());
  const review = new ReviewSessions(discussion);
  const deps: ReviewDeps = {
    sopId: 'sop1',
    sop,
    awareness: new Awareness(doc),
    discussion,
    review,
    send,
    can,
    user,
  };
  return { doc, sop, discussion, review, deps };
}

async function render(deps: ReviewDeps, node: ReactNode, lng: 'id' | 'en' = 'id') {
  const inst = await i18n(lng);
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n: inst }, createElement(ReviewProvider, { deps }, node)),
  );
}

const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;
const attr = (html: string, testId: string, name: string) =>
  new RegExp(`data-testid="${testId}"[^>]*?${name}="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`${name}="([^"]*)"[^>]*?data-testid="${testId}"`).exec(html)?.[1];

describe('review UI markup', () => {
  it('shows the start button without a session, disabled on an approved SOP', async () => {
    const { deps, sop, discussion } = setup();
    let html = await render(deps, createElement(ReviewBar));
    expect(count(html, 'review-start')).toBe(1);
    expect(html).toContain('Mulai sesi reviu');
    expect(html).not.toContain('disabled');
    approve(sop, discussion, {
      approver: { title: 'Kepala Dinas', name: 'Ahmad', nip: '' },
      effectiveDate: '2026-12-01',
      by: ana,
    });
    html = await render(deps, createElement(ReviewBar));
    expect(html).toMatch(
      /data-testid="review-start"[^>]*disabled|disabled[^>]*data-testid="review-start"/,
    );
  });

  it('renders banner, follow, tally and per-step verdicts that add up', async () => {
    const { deps, review } = setup(budi);
    const sid = review.start(ana);
    review.join(sid, budi);
    review.setVerdict(sid, 's01', ana, 'agree');
    review.setVerdict(sid, 's01', budi, 'agree');
    review.setVerdict(sid, 's02', ana, 'agree');
    review.setVerdict(sid, 's02', budi, 'change', { comment: 'Perjelas' });
    const rows = createElement(
      'div',
      null,
      createElement(StepVerdicts, { stepId: 's01', n: 1 }),
      createElement(StepVerdicts, { stepId: 's02', n: 2 }),
    );
    const html = await render(deps, createElement('div', null, createElement(ReviewBar), rows));
    expect(count(html, 'review-banner')).toBe(1);
    expect(html).toContain('Sesi reviu berlangsung');
    // No awareness from Ana's client here: she shows as not connected, and others may take over.
    expect(html).toContain('Ana sedang tidak terhubung');
    expect(count(html, 'review-take-over')).toBe(1);
    expect(count(html, 'review-follow')).toBe(1);
    expect(count(html, 'review-end')).toBe(0); // only the presenter ends
    expect(attr(html, 'review-tally', 'data-agreed')).toBe('1');
    expect(attr(html, 'review-tally', 'data-change')).toBe('1');
    expect(attr(html, 'review-tally', 'data-pending')).toBe('13');
    expect(attr(html, 'review-tally', 'data-verdicts')).toBe('4');
    expect(count(html, 'review-verdict-agree')).toBe(2);
    expect(count(html, 'review-verdict-change')).toBe(2);
    const tallies = [
      ...html.matchAll(/data-testid="review-step-tally" data-agree="(\d+)" data-change="(\d+)"/g),
    ].map((m) => [m[1], m[2]]);
    expect(tallies).toEqual([
      ['2', '0'],
      ['1', '1'],
    ]);
    // Budi's own verdicts are shown pressed.
    expect(html).toMatch(/aria-pressed="true"[^>]*data-testid="review-verdict-change"/);

    // The presenter sees navigation, hand-over and end instead of follow.
    const asAna = { ...deps, user: ana };
    const html2 = await render(asAna, createElement(ReviewBar), 'en');
    expect(count(html2, 'review-end')).toBe(1);
    expect(count(html2, 'review-follow')).toBe(0);
    expect(count(html2, 'review-next')).toBe(1);
    expect(html2).toContain('You are presenting');
  });

  it('offers approval per the workflow and locks an approved SOP behind a revision banner', async () => {
    const { deps, sop, discussion } = setup();
    let html = await render(
      deps,
      createElement(
        'div',
        null,
        createElement(StatusControl, { deps }),
        createElement(RevisionBanner, { deps }),
      ),
    );
    expect(attr(html, 'sop-status', 'data-status')).toBe('draft');
    expect(html).toContain('Draf');
    expect(count(html, 'approve-button')).toBe(1);
    expect(count(html, 'revision-banner')).toBe(0);
    approve(sop, discussion, {
      approver: { title: 'Kepala Dinas', name: 'Ahmad', nip: '' },
      effectiveDate: '2026-12-01',
      by: ana,
    });
    // The server's word on an approved SOP: an approver of the unit may start a revision.
    const approved = { ...deps, can: rights('editor', 'approved') };
    html = await render(
      approved,
      createElement(
        'div',
        null,
        createElement(StatusControl, { deps: approved }),
        createElement(RevisionBanner, { deps: approved }),
      ),
    );
    expect(attr(html, 'sop-status', 'data-status')).toBe('approved');
    expect(html).toContain('Disahkan');
    expect(count(html, 'approve-button')).toBe(0);
    expect(count(html, 'revision-banner')).toBe(1);
    expect(count(html, 'revision-start')).toBe(1);
    // Someone who may not revise sees the lock, not the button.
    const editorOnly = { ...deps, can: rights('editor', 'approved', false) };
    html = await render(editorOnly, createElement(RevisionBanner, { deps: editorOnly }));
    expect(count(html, 'revision-banner')).toBe(1);
    expect(count(html, 'revision-start')).toBe(0);
  });

  it('mirrors the rights: approve only for approvers, start only for editors, verdicts only for commenters', async () => {
    const nonApprover = setup(budi, rights('owner', 'draft', false)).deps;
    let html = await render(nonApprover, createElement(StatusControl, { deps: nonApprover }));
    expect(count(html, 'approve-button')).toBe(0);
    expect(count(html, 'sop-status')).toBe(1);

    const viewer = setup(budi, rights('viewer', 'draft', false));
    html = await render(viewer.deps, createElement(ReviewBar));
    expect(count(html, 'review-start')).toBe(0);
    html = await render(viewer.deps, createElement(StatusControl, { deps: viewer.deps }));
    expect(count(html, 'approve-button')).toBe(0);
    // A running session: the viewer sees the tally, gives no verdict, cannot take over.
    const sid = viewer.review.start(ana);
    viewer.review.setVerdict(sid, 's01', ana, 'agree');
    html = await render(
      viewer.deps,
      createElement(
        'div',
        null,
        createElement(ReviewBar),
        createElement(StepVerdicts, { stepId: 's01', n: 1 }),
      ),
    );
    expect(count(html, 'review-banner')).toBe(1);
    expect(count(html, 'review-take-over')).toBe(0);
    expect(count(html, 'review-follow')).toBe(1);
    expect(count(html, 'review-verdict-agree')).toBe(0);
    expect(attr(html, 'review-step-tally', 'data-agree')).toBe('1');

    const commenter = setup(budi, rights('commenter'));
    const sid2 = commenter.review.start(ana);
    expect(sid2).toBeTruthy();
    html = await render(commenter.deps, createElement(StepVerdicts, { stepId: 's01', n: 1 }));
    expect(count(html, 'review-verdict-agree')).toBe(1);
    expect(count(html, 'review-verdict-change')).toBe(1);
  });

  it('shows the approval chain, and "send back with a note" only to the signer whose turn it is', async () => {
    const chain = [
      {
        userId: 'ana',
        name: 'Ana',
        title: 'Kabid',
        state: 'signed' as const,
        at: 1_767_225_600_000,
        note: '',
      },
      { userId: 'budi', name: 'Budi', title: 'Kadis', state: 'next' as const, at: null, note: '' },
      {
        userId: 'citra',
        name: 'Citra',
        title: 'Sekda',
        state: 'waiting' as const,
        at: null,
        note: '',
      },
    ];
    const el = (deps: ReviewDeps) =>
      createElement(ApprovalChain, { deps, chain, lastReturn: null, onReturned: () => {} });
    const budiDeps = setup(budi).deps;
    let html = await render(budiDeps, el(budiDeps));
    expect(count(html, 'approve-chain-entry')).toBe(3);
    expect([...html.matchAll(/data-state="(\w+)"/g)].map((m) => m[1])).toEqual([
      'signed',
      'next',
      'waiting',
    ]);
    expect(html).toContain('giliran sekarang');
    expect(count(html, 'approve-return')).toBe(1);
    const anaDeps = setup(ana).deps;
    html = await render(anaDeps, el(anaDeps));
    expect(count(html, 'approve-return')).toBe(0);
  });

  it('defaults Tanggal Efektif to the planned date, not one left over from the last approval', () => {
    const { sop, discussion } = setup();
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    sop.identity.set('effectiveDate', '2027-01-15');
    expect(defaultEffectiveDate(sop, discussion)).toBe('2027-01-15');
    approve(sop, discussion, {
      approver: { title: 'Kepala Dinas', name: 'Ahmad', nip: '' },
      effectiveDate: '2027-01-15',
      by: ana,
    });
    expect(defaultEffectiveDate(sop, discussion)).toBe(iso);
    sop.identity.set('effectiveDate', '');
    expect(defaultEffectiveDate(sop, discussion)).toBe(iso);
  });

  it('renders a stored snapshot read-only', async () => {
    const { deps, doc } = setup();
    const html = await render(deps, createElement(SnapshotView, { snapshot: toSnapshot(doc) }));
    expect(count(html, 'version-step')).toBe(15);
    expect(html).toContain('Perlindungan dan Penyelamatan Arsip');
    expect(html).not.toMatch(/<(input|textarea|select)\b/);
  });
});
