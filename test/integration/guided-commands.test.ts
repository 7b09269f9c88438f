/**
 * Guided drafting meeting (issue 18) on a real server (port 0, temp data dir): the
 * session lives in the SOP's discussion document, written by the server with the
 * caller as author; who may do what (editors start and take over, only the
 * facilitator moves the room and sets timeboxes, viewers only join); bad input gets a
 * clear 4xx JSON error; ending writes the open points as comment threads and keeps
 * who was there and what was decided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Discussion, discussionDocId } from '../../shared/discussion/index';
import { GuidedSessions } from '../../shared/guided/index';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server';
import { adminClient, newSop } from '../helpers/sops';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('guided meeting commands on the real server', () => {
  let srv: TestServer;
  let sopId: string;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let talk: TestClient;
  let guided: GuidedSessions;
  let sessionId: string;

  const post = (json: unknown, as?: TestUser) =>
    srv.api(`/api/sops/${sopId}/guided`, { json, ...(as ? { as } : {}) });
  async function ok<T = Record<string, unknown>>(json: unknown, as?: TestUser): Promise<T> {
    const res = await post(json, as);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  }
  async function refused(json: unknown, status: number, code: string, as?: TestUser) {
    const res = await post(json, as);
    expect(res.status, await res.clone().text()).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  }
  const session = () => guided.get(sessionId);
  const until = (check: () => boolean, what: string) => waitForDoc(talk.doc, check, what);

  beforeAll(async () => {
    srv = await startTestServer();
    sopId = await newSop(srv, 'SOP Rapat Terpandu');
    editor = await srv.createUser({ name: 'Dewi Penyunting' });
    viewer = await srv.createUser({ name: 'Citra Pembaca' });
    outsider = await srv.createUser({ name: 'Orang Luar' });
    for (const [u, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      const res = await srv.api(`/api/sops/${sopId}/members/${u.id}`, {
        method: 'PUT',
        json: { role },
      });
      expect(res.status).toBe(200);
    }
    talk = adminClient(srv, discussionDocId(sopId));
    await waitForSynced(talk.provider);
    guided = new GuidedSessions(talk.doc);
  });

  afterAll(async () => {
    guided?.destroy();
    talk?.destroy();
    await srv?.close();
  });

  it('a viewer cannot start a meeting; someone without access gets nothing', async () => {
    await refused({ op: 'start' }, 403, 'forbidden', viewer);
    const res = await post({ op: 'start' }, outsider);
    expect([403, 404]).toContain(res.status);
    expect(guided.getSnapshot()).toEqual([]);
  });

  it('an editor starts it at stage 1 as facilitator; a second start joins the running one', async () => {
    const r = await ok<{ id: string }>({ op: 'start' }, editor);
    sessionId = r.id;
    await until(() => !!session(), 'the session');
    expect(session()).toMatchObject({
      stage: 1,
      facilitator: { id: editor.id, name: 'Dewi Penyunting' },
      startedBy: { id: editor.id },
      endedAt: null,
    });
    expect(await ok({ op: 'start' })).toEqual({ id: sessionId, alreadyRunning: true });
  });

  it('bad input: unknown op, a stage outside 1..5, a timebox of 0 or in seconds, an empty decision', async () => {
    await refused({ op: 'dance', sessionId }, 422, 'invalid_body', editor);
    await refused({ op: 'stage', sessionId, stage: 7 }, 422, 'invalid_body', editor);
    await refused({ op: 'stage', sessionId, stage: '2' }, 422, 'invalid_body', editor);
    await refused({ op: 'timebox', sessionId, stage: 1, minutes: 0 }, 422, 'invalid_body', editor);
    await refused(
      { op: 'timebox', sessionId, stage: 1, minutes: 1.5 },
      422,
      'invalid_body',
      editor,
    );
    await refused(
      { op: 'decision', sessionId, stage: 1, text: '   ' },
      422,
      'invalid_body',
      editor,
    );
    await refused({ op: 'stage', sessionId: 'nope', stage: 2 }, 404, 'unknown_session', editor);
    const res = await srv.api(`/api/sops/${sopId}/guided`, {
      as: editor,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"op":',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('only the facilitator moves the room and sets timeboxes; the trail keeps each move', async () => {
    await refused({ op: 'stage', sessionId, stage: 2 }, 403, 'forbidden');
    await refused({ op: 'stage', sessionId, stage: 2 }, 403, 'forbidden', viewer);
    await refused({ op: 'timebox', sessionId, stage: 2, minutes: 20 }, 403, 'forbidden');
    await ok({ op: 'timebox', sessionId, stage: 2, minutes: 20 }, editor);
    await ok({ op: 'stage', sessionId, stage: 2 }, editor);
    await until(() => session()?.stage === 2 && session()?.timeboxes[2] === 20, 'stage 2');
    expect(session()?.trail.map((v) => v.stage)).toEqual([1, 2]);
    await ok({ op: 'timebox', sessionId, stage: 2, minutes: null }, editor);
    await until(() => session()?.timeboxes[2] === undefined, 'timebox cleared');
  });

  it('a viewer joins (is "there") but cannot record decisions or names', async () => {
    await ok({ op: 'join', sessionId }, viewer);
    await until(() => !!session()?.participants.some((p) => p.id === viewer.id), 'viewer joined');
    await refused({ op: 'decision', sessionId, stage: 2, text: 'x' }, 403, 'forbidden', viewer);
    await refused({ op: 'candidate', sessionId, name: 'x' }, 403, 'forbidden', viewer);
    await refused({ op: 'takeOver', sessionId }, 403, 'forbidden', viewer);
  });

  it('editors record candidate names, the task and function and decisions with the server as witness', async () => {
    const c = await ok<{ id: string }>({
      op: 'candidate',
      sessionId,
      name: ' SOP Penerimaan Surat ',
    });
    await ok({ op: 'candidate', sessionId, name: 'SOP Surat Masuk' }, editor);
    await ok(
      { op: 'taskFunction', sessionId, text: 'Pengelolaan persuratan (Perbup 12/2020)' },
      editor,
    );
    await ok({ op: 'decision', sessionId, stage: 1, text: 'Nama: SOP Penerimaan Surat' });
    await until(
      () => session()?.decisions.length === 1 && session()?.candidates.length === 2,
      'records',
    );
    expect(session()?.candidates.map((x) => x.name)).toEqual([
      'SOP Penerimaan Surat',
      'SOP Surat Masuk',
    ]);
    expect(session()?.decisions[0]).toMatchObject({ stage: 1, by: { name: 'Admin Susun' } });
    expect(session()?.taskFunction).toBe('Pengelolaan persuratan (Perbup 12/2020)');
    await ok({ op: 'removeCandidate', sessionId, candidateId: c.id }, editor);
    await until(() => session()?.candidates.length === 1, 'candidate removed');
  });

  it('an editor takes over; the old facilitator can no longer move the room', async () => {
    await ok({ op: 'takeOver', sessionId });
    await until(() => session()?.facilitator.name === 'Admin Susun', 'take over');
    await refused({ op: 'stage', sessionId, stage: 3 }, 403, 'forbidden', editor);
    await ok({ op: 'stage', sessionId, stage: 3 });
    await until(() => session()?.stage === 3, 'stage 3');
  });

  it('ending writes each open point as a comment and keeps the record; the session then refuses changes', async () => {
    await refused({ op: 'end', sessionId }, 403, 'forbidden', viewer);
    const r = await ok<{ threadIds: string[] }>({
      op: 'end',
      sessionId,
      openPoints: [
        { stage: 2, text: 'Waktu langkah 4 belum disepakati' },
        { stage: 3, text: 'Nomor SOP menunggu bagian organisasi' },
      ],
    });
    expect(r.threadIds).toHaveLength(2);
    await until(() => session()?.endedAt !== null, 'ended');
    const s = session();
    expect(s?.openPoints.map((p) => [p.stage, p.text])).toEqual([
      [2, 'Waktu langkah 4 belum disepakati'],
      [3, 'Nomor SOP menunggu bagian organisasi'],
    ]);
    expect(s?.participants.map((p) => p.name).sort()).toEqual(
      ['Admin Susun', 'Citra Pembaca', 'Dewi Penyunting'].sort(),
    );
    const discussion = new Discussion(talk.doc);
    for (const id of r.threadIds) {
      const th = discussion.thread(id);
      expect(th?.anchor).toEqual({ kind: 'sop' });
      expect(th?.status).toBe('open');
      expect(th?.messages[0]?.author.name).toBe('Admin Susun');
    }
    expect(discussion.thread(r.threadIds[0] as string)?.messages[0]?.body).toBe(
      '[2. Kegiatan] Waktu langkah 4 belum disepakati',
    );
    discussion.destroy();
    expect(await ok({ op: 'end', sessionId })).toEqual({ alreadyEnded: true });
    await refused({ op: 'stage', sessionId, stage: 4 }, 409, 'session_ended');
    await refused({ op: 'decision', sessionId, stage: 4, text: 'x' }, 409, 'session_ended');
    // A new meeting can start after the last one ended.
    const again = await ok<{ id: string; alreadyRunning?: boolean }>({ op: 'start' }, editor);
    expect(again.id).not.toBe(sessionId);
    expect(again.alreadyRunning).toBeUndefined();
  });

  it('an approved SOP is not drafted in a meeting any more (409)', async () => {
    const unit = (await (
      await srv.api('/api/units', { json: { name: 'Seksi Arsip' } })
    ).json()) as {
      id: string;
    };
    const res = await srv.api('/api/sops', {
      json: { template: 'sample', name: 'SOP Disahkan', unitId: unit.id },
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const kasi = await srv.createUser({
      name: 'Kepala Seksi Arsip',
      title: 'Kepala Seksi',
      isApprover: true,
      approverUnits: [unit.id],
    });
    const ok = await srv.api(`/api/sops/${id}/approve`, {
      as: kasi,
      json: { effectiveDate: '2027-01-01' },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const r = await srv.api(`/api/sops/${id}/guided`, { json: { op: 'start' } });
    expect(r.status).toBe(409);
    expect(((await r.json()) as ErrorBody).error.code).toBe('invalid_status');
  });
});
