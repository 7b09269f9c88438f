/**
 * Issue 16 — compare and restore on the real server:
 * - C1 `GET /compare?from=<version>&to=<version|current>` reports exactly what changed
 *   (steps by the ids `GET /api/sops/:id` uses); each version stores its change counts;
 * - C2 bad queries answer 400, unknown versions and versions of another SOP 404;
 * - R1 a restore makes the content equal the version's, as a change a connected stock
 *   client receives; a `pre-restore` version of the state before is stored first, and
 *   restoring it undoes the restore; the restore is in the SOP's history (audit);
 * - R2 another SOP's version or an unknown id: 404; a viewer or commenter: 403; an
 *   approved (locked) SOP: 409; two restores at once both answer and leave one
 *   consistent document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SopDoc, type SopSnapshot, toSnapshot } from '../../shared/model/index.js';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { adminClient, newSop } from '../helpers/sops.js';

let srv: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

interface ErrorBody {
  error: { code: string; message: string };
}
interface VersionRow {
  id: string;
  label: string;
  kind: string;
  createdBy: string | null;
  changes: {
    base: string | null;
    steps: { added: number; removed: number; moved: number; changed: number };
  } | null;
}
interface Compare {
  from: { id: string };
  to: { id: string };
  summary: { steps: { added: number; removed: number; moved: number; changed: number } };
  steps: {
    added: string[];
    removed: string[];
    moved: string[];
    changed: Array<{ id: string; fields: string[] }>;
  };
  actors: { added: string[]; removed: string[]; renamed: unknown[]; moved: string[] };
  identity: { changed: Array<{ field: string }> };
  narrative: { changed: Array<{ key: string }> };
}

const content = (s: SopSnapshot) => ({
  identity: s.identity,
  actors: s.actors,
  steps: s.steps,
  narrative: s.narrative,
});

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
}

const snapshot = async (id: string) => json<SopSnapshot>(await srv.api(`/api/sops/${id}`));

async function saveVersion(id: string, label: string): Promise<VersionRow> {
  const res = await srv.api(`/api/sops/${id}/versions`, { json: { label, kind: 'manual' } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<VersionRow>(res);
}

async function waitServer(id: string, check: (s: SopSnapshot) => boolean): Promise<SopSnapshot> {
  for (let i = 0; i < 200; i++) {
    const s = await snapshot(id);
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server never had the edit');
}

async function connected(id: string): Promise<TestClient> {
  const c = adminClient(srv, id);
  clients.push(c);
  await waitForSynced(c.provider);
  return c;
}

async function member(id: string, role: string, name: string): Promise<TestUser> {
  const u = await srv.createUser({ name });
  const res = await srv.api(`/api/sops/${id}/members/${u.id}`, { method: 'PUT', json: { role } });
  expect(res.status).toBe(200);
  return u;
}

describe('compare (C1, C2)', () => {
  it('between a version and now, and two versions: exactly what changed', async () => {
    const id = await newSop(srv, 'SOP bandingkan', 'sample');
    const v1 = await saveVersion(id, 'Awal');
    expect(v1.changes).toMatchObject({ base: null });
    const c = await connected(id);
    const sop = new SopDoc(c.doc);
    const ids = sop.steps.ids();
    const third = ids[2] as string;
    sop.steps.set(third, 'activity', `${sop.steps.get(third)?.activity} dengan teliti`);
    const added = sop.steps.insertAfter(ids[4] as string, { activity: 'Mencatat hasil' });
    await waitServer(id, (s) => s.steps.some((x) => x.id === added));
    await waitServer(id, (s) => s.steps[2]?.activity.endsWith('dengan teliti') ?? false);

    const now = await json<Compare>(
      await srv.api(`/api/sops/${id}/compare?from=${v1.id}&to=current`),
    );
    expect(now.from.id).toBe(v1.id);
    expect(now.to.id).toBe('current');
    expect(now.steps).toMatchObject({
      added: [added],
      removed: [],
      moved: [],
      changed: [{ id: third, fields: ['activity'] }],
    });
    // the ids are the ones the SOP itself has
    const live = await snapshot(id);
    expect(live.steps[2]?.id).toBe(third);
    expect(live.steps[5]?.id).toBe(added);
    expect(now.identity.changed).toEqual([]);
    expect(now.narrative.changed).toEqual([]);
    expect(now.summary.steps).toEqual({ added: 1, removed: 0, moved: 0, changed: 1 });

    const v2 = await saveVersion(id, 'Sesudah');
    const between = await json<Compare>(
      await srv.api(`/api/sops/${id}/compare?from=${v1.id}&to=${v2.id}`),
    );
    expect(between.steps).toEqual(now.steps);
    const none = await json<Compare>(
      await srv.api(`/api/sops/${id}/compare?from=${v2.id}&to=current`),
    );
    expect(none.summary.steps).toEqual({ added: 0, removed: 0, moved: 0, changed: 0 });
    // each version stores its counts against the previous one
    const list = await json<VersionRow[]>(await srv.api(`/api/sops/${id}/versions`));
    expect(list[0]).toMatchObject({
      id: v2.id,
      changes: { base: v1.id, steps: { added: 1, removed: 0, moved: 0, changed: 1 } },
    });
    sop.destroy();
  });

  it('answers 400 for a bad query and 404 for unknown or foreign versions', async () => {
    const id = await newSop(srv, 'SOP A');
    const other = await newSop(srv, 'SOP B');
    const va = await saveVersion(id, 'A1');
    const vb = await saveVersion(other, 'B1');
    const call = (q: string) => srv.api(`/api/sops/${id}/compare${q}`);
    for (const q of [
      '',
      `?from=${va.id}`,
      '?from=&to=current',
      '?from=a%20b&to=current',
      `?from=${va.id}&to=x/y`,
    ]) {
      const res = await call(q);
      expect(res.status, q).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe('invalid_query');
    }
    for (const q of [
      `?from=nope&to=current`,
      `?from=${vb.id}&to=current`,
      `?from=${va.id}&to=${vb.id}`,
    ]) {
      const res = await call(q);
      expect(res.status, q).toBe(404);
      const body = await json<ErrorBody>(res);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/version/i);
    }
    expect((await srv.api(`/api/sops/nope/compare?from=${va.id}&to=current`)).status).toBe(404);
    // reading is enough to compare
    const viewer = await member(id, 'viewer', 'Vera Viewer');
    expect(
      (await srv.api(`/api/sops/${id}/compare?from=${va.id}&to=current`, { as: viewer })).status,
    ).toBe(200);
  });
});

describe('restore (R1, R2)', () => {
  it('makes the content equal the version, a connected client receives it, and it can be undone', async () => {
    const id = await newSop(srv, 'SOP pulihkan', 'sample');
    const v1 = await saveVersion(id, 'Sebelum perubahan');
    const original = await snapshot(id);
    const c = await connected(id);
    const sop = new SopDoc(c.doc);
    const ids = sop.steps.ids();
    sop.transact(() => {
      sop.steps.set(ids[2] as string, 'activity', 'Kegiatan yang ditulis ulang');
      sop.steps.delete(ids[6] as string);
      sop.steps.move(ids[1] as string, { after: ids[10] as string });
      sop.steps.insertAfter(ids[3] as string, { activity: 'Langkah tambahan' });
      sop.identity.set('name', 'Nama yang diganti');
      sop.actors.add('Pelaksana baru');
    });
    const edited = await waitServer(id, (s) => s.identity.name === 'Nama yang diganti');

    const res = await srv.api(`/api/sops/${id}/versions/${v1.id}/restore`, { method: 'POST' });
    expect(res.status, await res.clone().text()).toBe(200);
    const out = await json<{ restored: VersionRow; preRestore: VersionRow }>(res);
    expect(out.restored.id).toBe(v1.id);
    expect(out.preRestore.kind).toBe('pre-restore');
    expect(out.preRestore.createdBy).toBe(srv.admin.name);
    // the server's content and the connected client's are the version's
    expect(content(await snapshot(id))).toEqual(content(original));
    await waitForDoc(
      c.doc,
      (d) => toSnapshot(d).identity.name === original.identity.name,
      'restore arrives',
    );
    expect(content(toSnapshot(c.doc))).toEqual(content(original));
    // the state before was kept, and restoring it undoes the restore
    const pre = await json<{ snapshot: SopSnapshot; kind: string }>(
      await srv.api(`/api/sops/${id}/versions/${out.preRestore.id}`),
    );
    expect(content(pre.snapshot)).toEqual(content(edited));
    const undo = await srv.api(`/api/sops/${id}/versions/${out.preRestore.id}/restore`, {
      method: 'POST',
    });
    expect(undo.status).toBe(200);
    expect(content(await snapshot(id))).toEqual(content(edited));
    await waitForDoc(
      c.doc,
      (d) => toSnapshot(d).identity.name === 'Nama yang diganti',
      'undo arrives',
    );
    // attributed: the history says who restored what
    const history = await json<{
      items: Array<{ action: string; actor: { name: string } | null; target: string | null }>;
    }>(await srv.api(`/api/sops/${id}/history`));
    const restores = history.items.filter((h) => h.action === 'version.restored');
    expect(restores.map((h) => h.target)).toEqual([out.preRestore.id, v1.id]);
    expect(restores[0]?.actor?.name).toBe(srv.admin.name);
    sop.destroy();
  });

  it('refuses another SOP’s version, unknown ids, readers and a locked SOP', async () => {
    const unit = await json<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Seksi Uji' } }),
    );
    const res0 = await srv.api('/api/sops', {
      json: { template: 'sop-ap', name: 'Dikunci', unitId: unit.id },
    });
    const id = (await json<{ id: string }>(res0)).id;
    const other = await newSop(srv, 'Lain');
    const v = await saveVersion(id, 'V');
    const foreign = await saveVersion(other, 'W');
    const restore = (vid: string, as?: TestUser) =>
      srv.api(`/api/sops/${id}/versions/${vid}/restore`, { method: 'POST', ...(as ? { as } : {}) });
    for (const vid of [foreign.id, 'nope', 'bad%20id']) {
      const res = await restore(vid);
      expect(res.status, vid).toBe(404);
      expect((await json<ErrorBody>(res)).error.code).toBe('not_found');
    }
    const viewer = await member(id, 'viewer', 'Vina');
    const commenter = await member(id, 'commenter', 'Koko');
    expect((await restore(v.id, viewer)).status).toBe(403);
    expect((await restore(v.id, commenter)).status).toBe(403);
    const editor = await member(id, 'editor', 'Edi');
    expect((await restore(v.id, editor)).status).toBe(200);

    const approver = await srv.createUser({
      name: 'Kasi Uji',
      title: 'Kepala Seksi Uji',
      isApprover: true,
      approverUnits: [unit.id],
    });
    const ok = await srv.api(`/api/sops/${id}/approve`, { as: approver, json: {} });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const before = (await json<VersionRow[]>(await srv.api(`/api/sops/${id}/versions`))).length;
    const locked = await restore(v.id, editor);
    expect(locked.status).toBe(409);
    expect((await json<ErrorBody>(locked)).error.code).toBe('locked');
    // nothing was stored for a refused restore
    expect((await json<VersionRow[]>(await srv.api(`/api/sops/${id}/versions`))).length).toBe(
      before,
    );
  });

  it('two restores at once both answer and leave one consistent document', async () => {
    const id = await newSop(srv, 'SOP bersamaan', 'sample');
    const a = await saveVersion(id, 'A');
    const c = await connected(id);
    const sop = new SopDoc(c.doc);
    sop.identity.set('name', 'Versi B');
    sop.steps.delete(sop.steps.ids()[4] as string);
    await waitServer(id, (s) => s.identity.name === 'Versi B');
    const b = await saveVersion(id, 'B');
    const [ra, rb] = await Promise.all([
      srv.api(`/api/sops/${id}/versions/${a.id}/restore`, { method: 'POST' }),
      srv.api(`/api/sops/${id}/versions/${b.id}/restore`, { method: 'POST' }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const final = content(await snapshot(id));
    const va = await json<{ snapshot: SopSnapshot }>(
      await srv.api(`/api/sops/${id}/versions/${a.id}`),
    );
    const vb = await json<{ snapshot: SopSnapshot }>(
      await srv.api(`/api/sops/${id}/versions/${b.id}`),
    );
    expect([content(va.snapshot), content(vb.snapshot)]).toContainEqual(final);
    await waitForDoc(
      c.doc,
      (d) => JSON.stringify(content(toSnapshot(d))) === JSON.stringify(final),
      'the client converges',
    );
    const kinds = (await json<VersionRow[]>(await srv.api(`/api/sops/${id}/versions`))).map(
      (v) => v.kind,
    );
    expect(kinds.filter((k) => k === 'pre-restore').length).toBeGreaterThanOrEqual(2);
    sop.destroy();
  });
});
