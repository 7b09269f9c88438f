/**
 * Rules: the comment components render the test hooks the browser suites
 * rely on (comment-button/-count, comment-panel, comment-thread,
 * comment-input, comment-submit, comment-resolve, comment-deleted-anchor),
 * group threads by step in procedure order with deleted steps last, show
 * unread dots and highlight @mentions, in Indonesian by default. Rendered
 * to static markup (no DOM needed).
 */

import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommentButton } from '../../client/src/discussion/CommentButton';
import { CommentPanel } from '../../client/src/discussion/CommentPanel';
import { countsOf } from '../../client/src/discussion/hooks';
import discussionEn from '../../client/src/i18n/discussion.en';
import discussionId from '../../client/src/i18n/discussion.id';
import type { SendCommand } from '../../client/src/lib/commands';
import { type Author, Discussion } from '../../shared/discussion/index';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };
/** Rendering sends nothing; a stub satisfies the prop. */
const send: SendCommand = async () => ({}) as never;

async function i18n(lng: 'id' | 'en') {
  const inst = i18next.createInstance();
  await inst.use(initReactI18next).init({
    lng,
    fallbackLng: 'id',
    resources: { id: { discussion: discussionId }, en: { discussion: discussionEn } },
    ns: ['discussion'],
    interpolation: { escapeValue: false },
  });
  return inst;
}

function count(html: string, testId: string): number {
  return html.split(`data-testid="${testId}"`).length - 1;
}

describe('comment UI markup', () => {
  it('renders the panel with grouped threads, deleted anchor, unread and mentions', async () => {
    const d = new Discussion(new Y.Doc());
    const steps = [
      { id: 's1', activity: 'Mulai' },
      { id: 's2', activity: 'Memeriksa arsip' },
    ];
    const tDeleted = d.createThread({
      anchor: { kind: 'step', stepId: 'gone' },
      author: ana,
      body: 'Langkah ini perlu?',
      lastText: 'Langkah lama yang dihapus',
    });
    const t2 = d.createThread({
      anchor: { kind: 'step', stepId: 's2', field: 'time' },
      author: budi,
      body: 'Tolong @Ana cek waktunya',
    });
    d.createThread({ anchor: { kind: 'step', stepId: 's1' }, author: ana, body: 'OK' });
    d.resolve(tDeleted, ana);
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: await i18n('id') },
        createElement(CommentPanel, {
          discussion: d,
          send,
          content: { steps },
          user: ana,
          onFocusAnchor: () => {},
          initialFilter: 'all',
        }),
      ),
    );
    expect(count(html, 'comment-panel')).toBe(1);
    expect(count(html, 'comment-thread')).toBe(3);
    // Procedure order: step 1, step 2, then the deleted step.
    const order = [...html.matchAll(/data-thread-id="([^"]+)"/g)].map((m) => m[1]);
    expect(order[1]).toBe(t2);
    expect(order[2]).toBe(tDeleted);
    expect(html).toContain('Langkah 2 · Waktu');
    expect(count(html, 'comment-deleted-anchor')).toBe(1);
    expect(html).toMatch(
      /data-testid="comment-deleted-anchor"[\s\S]*Langkah dihapus[\s\S]*Langkah lama yang dihapus/,
    );
    expect(count(html, 'comment-unread')).toBe(1); // Budi's thread, unseen by Ana
    expect(html).toContain(
      '<mark class="dc-mention dc-mention-me" data-testid="comment-mention">@Ana</mark>',
    );
    expect(count(html, 'comment-resolve')).toBe(3);
    expect(html).toContain('Buka lagi'); // the resolved thread offers reopen
    expect(count(html, 'comment-input')).toBe(2); // reply boxes of open threads only
    expect(count(html, 'comment-submit')).toBe(2);
    expect(count(html, 'comment-message-menu')).toBe(2); // Ana's own messages only
  });

  it('renders the new-comment box for a draft anchor, in English when asked', async () => {
    const d = new Discussion(new Y.Doc());
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: await i18n('en') },
        createElement(CommentPanel, {
          discussion: d,
          send,
          content: { steps: [{ id: 's1', activity: 'Mulai' }] },
          user: ana,
          draftAnchor: { kind: 'step', stepId: 's1' },
          onFocusAnchor: () => {},
        }),
      ),
    );
    expect(count(html, 'comment-new')).toBe(1);
    expect(html).toContain('New comment · Step 1');
    expect(count(html, 'comment-input')).toBe(1);
    expect(html).toContain('No comments yet.');
  });

  it('shows a viewer the threads without any writing control', async () => {
    const d = new Discussion(new Y.Doc());
    const id = d.createThread({ anchor: { kind: 'step', stepId: 's1' }, author: ana, body: 'OK' });
    d.reply(id, budi, 'Setuju');
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: await i18n('id') },
        createElement(CommentPanel, {
          discussion: d,
          send,
          canComment: false,
          content: { steps: [{ id: 's1', activity: 'Mulai' }] },
          user: ana,
          draftAnchor: { kind: 'step', stepId: 's1' },
          onFocusAnchor: () => {},
        }),
      ),
    );
    expect(count(html, 'comment-thread')).toBe(1);
    expect(count(html, 'comment-message')).toBe(2);
    expect(count(html, 'comment-new')).toBe(0);
    expect(count(html, 'comment-input')).toBe(0);
    expect(count(html, 'comment-resolve')).toBe(0);
    expect(count(html, 'comment-message-menu')).toBe(0); // not even on her own message
  });

  it('shows the open count on the comment button', async () => {
    const d = new Discussion(new Y.Doc());
    d.createThread({ anchor: { kind: 'step', stepId: 's1' }, author: ana, body: 'a' });
    d.createThread({
      anchor: { kind: 'step', stepId: 's1', field: 'notes' },
      author: ana,
      body: 'b',
    });
    const inst = await i18n('id');
    const render = (stepId: string) =>
      renderToStaticMarkup(
        createElement(
          I18nextProvider,
          { i18n: inst },
          createElement(CommentButton, {
            anchor: { kind: 'step', stepId },
            counts: countsOf(d.getSnapshot()),
            onOpen: () => {},
          }),
        ),
      );
    const withTwo = render('s1');
    expect(withTwo).toContain('data-testid="comment-button"');
    expect(withTwo).toMatch(/data-testid="comment-count">2</);
    expect(withTwo).toContain('aria-label="2 komentar terbuka"');
    expect(render('s2')).not.toContain('comment-count');
  });
});
