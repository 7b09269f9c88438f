/**
 * Rules (issue 16), on a real server (port 0, temp data dir):
 * - a suggestion is written by the server with the caller as author, lives in the
 *   discussion doc and leaves the content alone until accepted;
 * - who may do what: viewers cannot suggest (403), commenters cannot accept (403), an
 *   approved SOP refuses suggestions and accepts (409 `locked`);
 * - bad input gets a clear 4xx JSON error (wrong types, unknown step or pelaksana, a
 *   change that changes nothing, an unknown suggestion or another SOP's);
 * - accepting applies the change to the live document: a connected stock client
 *   receives it; the audit log names the accepter and the suggester;
 * - at most once: two people accepting at once → one 200, one 409; a stale suggestion
 *   needs `confirmStale`; one whose step was deleted answers 410 and is marked obsolete.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Discussion,
  discussionDocId,
  Suggestions,
  type SuggestionView,
} from '../../shared/discussion/index';
import { SopDoc, type SopSnapshot } from '../../shared/model/index';
import { connectClient, type TestClient, waitForDoc, waitForSynced } from '../helpers/collab';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server';
import { newSop } from '../helpers/sops';

interface ErrorBody {
  error: { code: string; message: string };
  issues?: Array<{ path: string; message: string }>;
  [k: string]: unknown;
}

describe('suggestions over REST on the real server', () => {
  let srv: TestServer;
  let sopId: string;
  let commenter: TestUser;
  let viewer: TestUser;
  let editor: TestUser;
  let snap: SopSnapshot;
  const clients: TestClient[] = [];
  let live: TestClient;
  let liveSop: SopDoc;
  /** Another reader of the content: the server broadcasts only what it stored. */
  let watch: TestClient;
  let watchSop: SopDoc;

  const url = (path = '') => `/api/sops/${sopId}/suggestions${path}`;
  const post = (path: string, as: TestUser, json: unknown = {}) => srv.api(url(path), { as, json });
  const body = async <T>(res: Response) => (await res.json()) as T;
  const stepId = (i: number) => snap.steps[i]?.id as string;
  async function suggest(as: TestUser, change: Record<string, unknown>): Promise<string> {
    const res = await post('', as, change);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await body<{ id: string }>(res)).id;
  }
  async function list(): Promise<SuggestionView[]> {
    const res = await srv.api(url());
    expect(res.status).toBe(200);
    return (await body<{ suggestions: SuggestionView[] }>(res)).suggestions;
  }
  const one = async (id: string) => (await list()).find((s) => s.id === id);

  beforeAll(async () => {
    srv = await startTestServer();
    sopId = await newSop(srv, 'SOP Usulan', 'sample');
    commenter = await srv.createUser({ name: 'Budi Komentator' });
    viewer = await srv.createUser({ name: 'Citra Pembaca' });
    editor = await srv.createUser({ name: 'Dewi Penyunting' });
    for (const [u, role] of [
      [commenter, 'commenter'],
      [viewer, 'viewer'],
      [editor, 'editor'],
    ] as const) {
      const res = await srv.api(`/api/sops/${sopId}/members/${u.id}`, {
        method: 'PUT',
        json: { role },
      });
      expect(res.status).toBe(200);
    }
    snap = await body<SopSnapshot>(await srv.api(`/api/sops/${sopId}`));
    // A stock client on the content doc, as the owner (admin): receives accepted changes.
    live = connectClient(srv.wsUrl, sopId, { params: { token: srv.admin.token } });
    clients.push(live);
    await waitForSynced(live.provider);
    liveSop = new SopDoc(live.doc);
    watch = connectClient(srv.wsUrl, sopId, { params: { token: viewer.token } });
    clients.push(watch);
    await waitForSynced(watch.provider);
    watchSop = new SopDoc(watch.doc);
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await srv?.close();
  });

  it('a commenter suggests new wording; the server is the author; the content is untouched', async () => {
    const talk = connectClient(srv.wsUrl, discussionDocId(sopId), {
      params: { token: viewer.token },
    });
    clients.push(talk);
    await waitForSynced(talk.provider);
    const suggestions = new Suggestions(new Discussion(talk.doc));
    const before = liveSop.steps.get(stepId(2))?.activity;
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: stepId(2),
      field: 'activity',
      text: 'Mencatat arsip yang diterima dalam buku agenda',
      // a client cannot choose who it is
      author: { id: srv.admin.id, name: 'Someone else', colour: '#000' },
      comment: 'Lebih jelas begini',
    });
    // It reaches every reader of the discussion doc, with the server's author.
    await waitForDoc(talk.doc, () => suggestions.get(id) !== undefined, 'suggestion at viewer');
    const s = suggestions.get(id);
    expect(s?.author).toMatchObject({ id: commenter.id, name: 'Budi Komentator' });
    expect(s?.base).toBe(before);
    expect(s?.threadId).toBeTruthy();
    expect(s?.resolution).toBeNull();
    // the thread attached to it is an ordinary thread on that field
    const thread = new Discussion(talk.doc).thread(s?.threadId as string);
    expect(thread?.anchor).toEqual({ kind: 'step', stepId: stepId(2), field: 'activity' });
    expect(thread?.messages[0]?.body).toBe('Lebih jelas begini');
    expect(liveSop.steps.get(stepId(2))?.activity).toBe(before);
    const view = await one(id);
    expect(view).toMatchObject({ state: 'current', current: before });
  });

  it('refuses by role: a viewer cannot suggest, a commenter cannot accept', async () => {
    const change = { kind: 'stepText', stepId: stepId(1), field: 'notes', text: 'x' };
    const v = await post('', viewer, change);
    expect(v.status).toBe(403);
    expect((await body<ErrorBody>(v)).error.code).toBe('forbidden');
    const id = await suggest(commenter, change);
    const c = await post(`/${id}/accept`, commenter);
    expect(c.status).toBe(403);
    expect((await body<ErrorBody>(c)).error.code).toBe('forbidden');
    // ... nor reject someone else's; but may withdraw their own
    const other = await suggest(editor, { ...change, text: 'y' });
    expect((await post(`/${other}/reject`, commenter)).status).toBe(403);
    expect((await post(`/${id}/reject`, commenter)).status).toBe(200);
    expect((await one(id))?.resolution).toMatchObject({
      status: 'rejected',
      by: { id: commenter.id },
    });
    // a viewer reads them
    expect((await srv.api(url(), { as: viewer })).status).toBe(200);
  });

  it('answers bad input with clear 4xx JSON errors', async () => {
    const expectError = async (res: Response, status: number, code: string) => {
      expect(res.status, await res.clone().text()).toBe(status);
      const b = await body<ErrorBody>(res);
      expect(b.error.code).toBe(code);
      expect(b.error.message.length).toBeGreaterThan(5);
      return b;
    };
    const wrongType = await expectError(
      await post('', commenter, {
        kind: 'stepText',
        stepId: stepId(0),
        field: 'activity',
        text: 5,
      }),
      422,
      'invalid_body',
    );
    expect(wrongType.issues?.[0]?.path).toBe('text');
    await expectError(
      await post('', commenter, { kind: 'rename', stepId: stepId(0) }),
      422,
      'invalid_body',
    );
    await expectError(await post('', commenter, [1, 2]), 422, 'invalid_body');
    await expectError(
      await post('', commenter, {
        kind: 'stepText',
        stepId: 's_nothere',
        field: 'activity',
        text: 'a',
      }),
      422,
      'unknown_step',
    );
    await expectError(
      await post('', commenter, {
        kind: 'stepActor',
        stepId: stepId(0),
        actorId: 'a_nobody',
        stepKind: 'process',
      }),
      422,
      'unknown_actor',
    );
    await expectError(
      await post('', commenter, {
        kind: 'stepText',
        stepId: stepId(0),
        field: 'activity',
        text: snap.steps[0]?.activity,
      }),
      422,
      'no_change',
    );
    await expectError(
      await post('', commenter, { kind: 'moveStep', stepId: stepId(0), afterStepId: stepId(0) }),
      422,
      'invalid_suggestion',
    );
    await expectError(await post('/doesnotexist/accept', editor), 404, 'unknown_suggestion');
    await expectError(await post('/bad id!/accept', editor), 404, 'not_found');
    await expectError(
      await post('/x/accept', editor, { confirmStale: 'yes' }),
      422,
      'invalid_body',
    );
    // another SOP's suggestion is not this SOP's
    const otherSop = await newSop(srv, 'SOP lain', 'sample');
    const other = (await body<SopSnapshot>(await srv.api(`/api/sops/${otherSop}`))).steps[0]?.id;
    const res = await srv.api(`/api/sops/${otherSop}/suggestions`, {
      json: { kind: 'stepText', stepId: other, field: 'notes', text: 'lain' },
    });
    const foreign = (await body<{ id: string }>(res)).id;
    await expectError(await post(`/${foreign}/accept`, editor), 404, 'unknown_suggestion');
    // and nothing happened to that one
    const there = await srv.api(`/api/sops/${otherSop}/suggestions?status=open`);
    expect((await body<{ suggestions: SuggestionView[] }>(there)).suggestions).toHaveLength(1);
    await expectError(await srv.api(`${url()}?status=maybe`), 400, 'invalid_query');
  });

  it('accepting applies the change live, records who decided, and audits both people', async () => {
    const text = 'Memeriksa kondisi fisik arsip bersama pengelola';
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: stepId(3),
      field: 'activity',
      text,
    });
    const res = await post(`/${id}/accept`, editor);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await body(res)).toMatchObject({ id, status: 'accepted', stale: false });
    // the connected stock client receives it like any edit
    await waitForDoc(
      live.doc,
      () => liveSop.steps.get(stepId(3))?.activity === text,
      'accepted text',
    );
    const view = await one(id);
    expect(view?.state).toBe('accepted');
    expect(view?.resolution).toMatchObject({
      status: 'accepted',
      by: { id: editor.id },
      stale: false,
    });
    expect(view?.author.id).toBe(commenter.id);
    const audit = await body<{
      items: Array<{
        action: string;
        actor: { id: string };
        detail: Record<string, unknown>;
        target: string;
      }>;
    }>(await srv.api(`/api/sops/${sopId}/history`));
    const entry = audit.items.find((e) => e.action === 'suggestion.accepted' && e.target === id);
    expect(entry?.actor.id).toBe(editor.id);
    expect(entry?.detail).toMatchObject({
      suggester: 'Budi Komentator',
      suggesterId: commenter.id,
      kind: 'stepText',
    });
  });

  it('two people accepting the same suggestion at once: one applies, the other gets 409', async () => {
    const activity = `Langkah usulan ${Date.now()}`;
    const id = await suggest(commenter, {
      kind: 'insertStep',
      afterStepId: stepId(4),
      step: { activity, actorId: snap.actors[0]?.id ?? null },
    });
    const [a, b] = await Promise.all([
      post(`/${id}/accept`, editor),
      post(`/${id}/accept`, srv.admin),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const err = await body<ErrorBody & { resolution: { status: string } }>(loser);
    expect(err.error.code).toBe('already_resolved');
    expect(err.resolution.status).toBe('accepted');
    const winner = await body<{ stepId: string }>(a.status === 200 ? a : b);
    await waitForDoc(live.doc, () => liveSop.steps.has(winner.stepId), 'inserted step');
    const now = await body<SopSnapshot>(await srv.api(`/api/sops/${sopId}`));
    expect(now.steps.filter((s) => s.activity === activity)).toHaveLength(1);
    const at = now.steps.findIndex((s) => s.id === winner.stepId);
    expect(now.steps[at - 1]?.id).toBe(stepId(4));
    // a third try later is refused the same way
    expect((await post(`/${id}/accept`, editor)).status).toBe(409);
  });

  it('an edit elsewhere in the same field meanwhile is kept when the suggestion is accepted', async () => {
    const target = stepId(11);
    const before = liveSop.steps.get(target)?.requirements ?? '';
    expect(before.length).toBeGreaterThan(3);
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: target,
      field: 'requirements',
      text: `${before}, daftar periksa`,
    });
    // someone types at the start of the same cell, through the live document
    liveSop.steps.text(target, 'requirements').insert(0, 'Wajib: ');
    await waitForDoc(
      watch.doc,
      () => watchSop.steps.get(target)?.requirements.startsWith('Wajib: ') === true,
      'the edit stored',
    );
    expect(await one(id)).toMatchObject({ state: 'current' });
    const res = await post(`/${id}/accept`, editor);
    expect(res.status, await res.clone().text()).toBe(200);
    const merged = `Wajib: ${before}, daftar periksa`;
    await waitForDoc(
      live.doc,
      () => liveSop.steps.get(target)?.requirements === merged,
      'merged text',
    );
  });

  it('a stale suggestion shows base, current and proposal and needs confirmation', async () => {
    const target = stepId(5);
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: target,
      field: 'notes',
      text: 'Catatan usulan',
    });
    const base = liveSop.steps.get(target)?.notes ?? '';
    // meanwhile someone edits the same field
    liveSop.steps.set(target, 'notes', 'Catatan baru dari rapat');
    await waitForDoc(
      watch.doc,
      () => watchSop.steps.get(target)?.notes === 'Catatan baru dari rapat',
      'the edit stored on the server',
    );
    const view = await one(id);
    expect(view).toMatchObject({
      state: 'stale',
      base,
      current: 'Catatan baru dari rapat',
      proposal: 'Catatan usulan',
    });
    const refused = await post(`/${id}/accept`, editor);
    expect(refused.status).toBe(409);
    const err = await body<ErrorBody>(refused);
    expect(err.error.code).toBe('stale');
    expect(err).toMatchObject({
      base,
      current: 'Catatan baru dari rapat',
      proposal: 'Catatan usulan',
    });
    expect((await one(id))?.resolution).toBeNull();
    const ok = await post(`/${id}/accept`, editor, { confirmStale: true });
    expect(ok.status).toBe(200);
    expect((await body<{ stale: boolean }>(ok)).stale).toBe(true);
    await waitForDoc(
      live.doc,
      () => liveSop.steps.get(target)?.notes === 'Catatan usulan',
      'stale accepted',
    );
    expect((await one(id))?.resolution).toMatchObject({ status: 'accepted', stale: true });
  });

  it('accepting a suggestion whose step was deleted answers 410 and marks it obsolete', async () => {
    const target = stepId(6);
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: target,
      field: 'output',
      text: 'Output usulan',
    });
    const move = await suggest(commenter, {
      kind: 'moveStep',
      stepId: stepId(8),
      afterStepId: target,
    });
    liveSop.steps.delete(target);
    await waitForDoc(watch.doc, () => !watchSop.steps.has(target), 'the delete stored');
    expect((await one(id))?.state).toBe('obsolete');
    const res = await post(`/${id}/accept`, editor);
    expect(res.status).toBe(410);
    const err = await body<ErrorBody & { reason: string }>(res);
    expect(err.error.code).toBe('suggestion_obsolete');
    expect(err.reason).toBe('step-deleted');
    expect((await one(id))?.resolution).toMatchObject({
      status: 'obsolete',
      reason: 'step-deleted',
    });
    expect((await post(`/${id}/accept`, editor)).status).toBe(409);
    expect((await post(`/${move}/accept`, editor)).status).toBe(410);
  });

  it('rejecting leaves the content alone; all of one person at once', async () => {
    const before = await body<SopSnapshot>(await srv.api(`/api/sops/${sopId}`));
    const r = await suggest(commenter, { kind: 'deleteStep', stepId: stepId(1) });
    const res = await post(`/${r}/reject`, editor);
    expect(res.status).toBe(200);
    expect((await post(`/${r}/reject`, editor)).status).toBe(409);
    const after = await body<SopSnapshot>(await srv.api(`/api/sops/${sopId}`));
    expect(after.steps.map((s) => s.id)).toEqual(before.steps.map((s) => s.id));
    // bulk: everything still open from the commenter
    const a1 = await suggest(commenter, {
      kind: 'identityText',
      field: 'number',
      text: 'SOP/ARS/2026/016',
    });
    const a2 = await suggest(commenter, {
      kind: 'stepTime',
      stepId: stepId(0),
      time: { amount: 3, unit: 'day' },
    });
    const open = (await list()).filter((s) => s.author.id === commenter.id && !s.resolution);
    const bulk = await post('/bulk', editor, { action: 'accept', authorId: commenter.id });
    expect(bulk.status, await bulk.clone().text()).toBe(200);
    const out = await body<{ done: Array<{ id: string }>; skipped: Array<{ id: string }> }>(bulk);
    expect(out.done.map((d) => d.id)).toEqual(expect.arrayContaining([a1, a2]));
    expect(out.done.length + out.skipped.length).toBe(open.length);
    await waitForDoc(
      live.doc,
      () => liveSop.identity.get().number === 'SOP/ARS/2026/016',
      'bulk number',
    );
    expect(liveSop.steps.get(stepId(0))?.time).toEqual({ amount: 3, unit: 'day' });
    expect(
      (await list()).filter((s) => s.author.id === commenter.id && !s.resolution),
    ).toHaveLength(0);
    expect((await post('/bulk', commenter, { action: 'reject', authorId: editor.id })).status).toBe(
      403,
    );
  });

  it('a suggestion can be discussed like a comment', async () => {
    const id = await suggest(commenter, {
      kind: 'stepText',
      stepId: stepId(8),
      field: 'requirements',
      text: 'Formulir A',
    });
    const first = await post(`/${id}/comments`, editor, { body: 'Formulir A atau B?' });
    expect(first.status).toBe(201);
    const { threadId } = await body<{ threadId: string }>(first);
    const again = await post(`/${id}/comments`, commenter, { body: 'A saja' });
    expect((await body<{ threadId: string }>(again)).threadId).toBe(threadId);
    expect((await one(id))?.threadId).toBe(threadId);
    expect((await post(`/${id}/comments`, viewer, { body: 'boleh?' })).status).toBe(403);
    expect((await post(`/${id}/comments`, editor, { body: '   ' })).status).toBe(422);
  });

  it('a "needs change" verdict in a review can carry suggested wording', async () => {
    const start = await srv.api(`/api/sops/${sopId}/discussion`, {
      as: editor,
      json: { op: 'reviewStart' },
    });
    const { id: sessionId } = await body<{ id: string }>(start);
    const res = await srv.api(`/api/sops/${sopId}/discussion`, {
      as: commenter,
      json: {
        op: 'reviewVerdict',
        sessionId,
        stepId: stepId(9),
        verdict: 'change',
        comment: 'Kurang jelas',
        suggestion: { field: 'activity', text: 'Mengarsipkan berkas sesuai klasifikasi' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const out = await body<{ threadId: string; suggestionId: string }>(res);
    const s = await one(out.suggestionId);
    expect(s).toMatchObject({ sessionId, threadId: out.threadId, author: { id: commenter.id } });
    expect(s?.change).toMatchObject({ kind: 'stepText', stepId: stepId(9), field: 'activity' });
    // bad wording refuses the whole verdict (nothing half-written)
    const bad = await srv.api(`/api/sops/${sopId}/discussion`, {
      as: commenter,
      json: {
        op: 'reviewVerdict',
        sessionId,
        stepId: stepId(10),
        verdict: 'change',
        suggestion: { field: 'activity', text: snap.steps[10]?.activity },
      },
    });
    expect(bad.status).toBe(422);
    expect((await body<ErrorBody>(bad)).error.code).toBe('no_change');
    await srv.api(`/api/sops/${sopId}/discussion`, {
      as: editor,
      json: { op: 'reviewEnd', sessionId },
    });
  });

  it('an approved SOP refuses suggestions and accepts like other edits', async () => {
    const unit = await body<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Bidang Usulan' } }),
    );
    const created = await srv.api('/api/sops', {
      json: { template: 'sop-ap', name: 'SOP beku', unitId: unit.id },
    });
    const frozen = (await body<{ id: string }>(created)).id;
    await srv.api(`/api/sops/${frozen}/members/${commenter.id}`, {
      method: 'PUT',
      json: { role: 'commenter' },
    });
    const path = `/api/sops/${frozen}/suggestions`;
    const first = await srv.api(path, {
      as: commenter,
      json: { kind: 'identityText', field: 'name', text: 'SOP baru' },
    });
    expect(first.status).toBe(201);
    const pending = (await body<{ id: string }>(first)).id;
    const approver = await srv.createUser({
      name: 'Kasi',
      title: 'Kepala Seksi',
      isApprover: true,
      approverUnits: [unit.id],
    });
    const ok = await srv.api(`/api/sops/${frozen}/approve`, { as: approver, json: {} });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const refused = await srv.api(path, {
      as: commenter,
      json: { kind: 'identityText', field: 'name', text: 'Lagi' },
    });
    expect(refused.status).toBe(409);
    expect((await body<ErrorBody>(refused)).error.code).toBe('locked');
    const accept = await srv.api(`${path}/${pending}/accept`, { json: {} });
    expect(accept.status).toBe(409);
    expect((await body<ErrorBody>(accept)).error.code).toBe('locked');
  });
});
