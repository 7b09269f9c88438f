/**
 * Issue 11 over REST, against a real server: sessions and their limits, who may call
 * what, approval by the unit's approvers (and chains), meeting-link guests, tokens,
 * web security basics, the audit log, and no secret in any log line.
 */
import http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { createSusunServer } from '../../server/server.js';
import { makeTempDir, startTestServer, type TestServer, type TestUser } from '../helpers/server.js';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer({ loginMaxFailures: 3, loginMaxFailuresPerAddress: 50 });
});
afterAll(async () => {
  await srv.close();
});

interface ErrorBody {
  error: { code: string; message: string };
  issues?: Array<{ path: string; message: string }>;
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function newSop(as?: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const res = await srv.api('/api/sops', {
    as,
    json: { template: 'sop-ap', name: 'Uji', ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

describe('sessions', () => {
  it('every API route but the public ones answers 401 without a session', async () => {
    const id = await newSop();
    for (const [method, path] of [
      ['GET', '/api/sops'],
      ['POST', '/api/sops'],
      ['GET', `/api/sops/${id}`],
      ['GET', `/api/sops/${id}/export.pdf`],
      ['GET', `/api/sops/${id}/versions`],
      ['DELETE', `/api/sops/${id}`],
      ['POST', `/api/sops/${id}/restore`],
      ['POST', `/api/sops/${id}/approve`],
      ['GET', '/api/users'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/tokens'],
    ] as const) {
      const res = await srv.api(path, { method, as: null });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await json<ErrorBody>(res)).error.code).toBe('unauthenticated');
    }
    expect((await srv.api('/api/health', { as: null })).status).toBe(200);
    expect((await srv.api('/api/setup', { as: null })).status).toBe(200);
  });

  it('sets an httpOnly SameSite=Lax cookie; a tampered one is refused; logout ends it', async () => {
    const u = await srv.createUser({ name: 'Kuki' });
    const res = await srv.api('/api/auth/login', {
      as: null,
      json: { email: u.email, password: u.password },
    });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/susun_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const cookie = /susun_session=[^;]+/.exec(set)?.[0] ?? '';
    const me = { ...u, cookie };
    expect((await srv.api('/api/auth/me', { as: me })).status).toBe(200);
    const tampered = { ...u, cookie: `${cookie.slice(0, -2)}xx` };
    expect((await srv.api('/api/auth/me', { as: tampered })).status).toBe(401);
    expect((await srv.api('/api/auth/logout', { as: me, method: 'POST' })).status).toBe(204);
    expect((await srv.api('/api/auth/me', { as: me })).status).toBe(401);
  });

  it('logs in by NIP too; logout-all ends every session of the person', async () => {
    const u = await srv.createUser({ name: 'Ber NIP', nip: '198703122010011002' });
    const a = await srv.login('198703122010011002', u.password);
    const b = await srv.login(u.email, u.password);
    const res = await srv.api('/api/auth/logout-all', { as: { ...u, cookie: a }, method: 'POST' });
    expect(res.status).toBe(204);
    expect((await srv.api('/api/auth/me', { as: { ...u, cookie: b } })).status).toBe(401);
  });

  it('limits failed logins per account with 429 and Retry-After', async () => {
    const u = await srv.createUser({ name: 'Target' });
    for (let i = 0; i < 3; i++) {
      const r = await srv.api('/api/auth/login', {
        as: null,
        json: { email: u.email, password: 'salah-salah' },
      });
      expect(r.status).toBe(401);
      expect((await json<ErrorBody>(r)).error.code).toBe('invalid_credentials');
    }
    const limited = await srv.api('/api/auth/login', {
      as: null,
      json: { email: u.email, password: u.password },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json<ErrorBody>(limited)).error.code).toBe('too_many_attempts');
    // Other accounts are not locked by it.
    const other = await srv.createUser({ name: 'Bukan Target' });
    expect((await srv.api('/api/auth/me', { as: other })).status).toBe(200);
  });

  it('limits failed logins per address', async () => {
    const own = await startTestServer({ loginMaxFailures: 100, loginMaxFailuresPerAddress: 4 });
    try {
      for (let i = 0; i < 4; i++) {
        const r = await own.api('/api/auth/login', {
          as: null,
          json: { email: `tebak${i}@susun.test`, password: 'x' },
        });
        expect(r.status).toBe(401);
      }
      const r = await own.api('/api/auth/login', {
        as: null,
        json: { email: 'lain@susun.test', password: 'x' },
      });
      expect(r.status).toBe(429);
    } finally {
      await own.close();
    }
  });
});

describe('the agency', () => {
  it('only administrators manage people; bad bodies answer 422 with paths', async () => {
    const member = await srv.createUser({ name: 'Anggota' });
    const res = await srv.api('/api/users', {
      as: member,
      json: { email: 'x@susun.test', name: 'X', password: 'rahasia-123' },
    });
    expect(res.status).toBe(403);
    const bad = await srv.api('/api/users', {
      json: { email: 'bukan email', name: '', password: 'x' },
    });
    expect(bad.status).toBe(422);
    const body = await json<ErrorBody>(bad);
    expect(body.issues?.map((i) => i.path).sort()).toEqual(['email', 'name', 'password']);
    const dup = await srv.api('/api/users', {
      json: { email: member.email, name: 'Kembar', password: 'rahasia-123' },
    });
    expect(dup.status).toBe(409);
  });

  it('sharing: unknown role 422, unknown user 404, never without an owner (409)', async () => {
    const id = await newSop();
    const u = await srv.createUser({ name: 'Dibagi' });
    const put = (userId: string, role: unknown) =>
      srv.api(`/api/sops/${id}/members/${userId}`, { method: 'PUT', json: { role } });
    expect((await put(u.id, 'superuser')).status).toBe(422);
    expect((await json<ErrorBody>(await put(u.id, 'admin'))).error.code).toBe('invalid_role');
    expect((await put('tidak-ada', 'editor')).status).toBe(404);
    expect((await put(u.id, 'editor')).status).toBe(200);
    // The admin created it and is its only explicit owner.
    expect((await put(srv.admin.id, 'viewer')).status).toBe(409);
    expect((await put(u.id, 'owner')).status).toBe(200);
    expect((await put(srv.admin.id, 'viewer')).status).toBe(200);
    // A non-owner cannot share.
    const v = await srv.createUser({ name: 'Tamu Kantor' });
    const byEditor = await srv.api(`/api/sops/${id}/members/${v.id}`, {
      as: (await srv.createUser({ name: 'Editor Biasa' })) as TestUser,
      method: 'PUT',
      json: { role: 'viewer' },
    });
    expect(byEditor.status).toBe(403);
  });

  it('unit members get the unit role; the list shows only what one may read', async () => {
    const unit = await json<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Bidang Kearsipan' } }),
    );
    const anggota = await srv.createUser({ name: 'Anggota Unit' });
    const luar = await srv.createUser({ name: 'Orang Luar' });
    expect(
      (await srv.api(`/api/units/${unit.id}/members/${anggota.id}`, { method: 'PUT' })).status,
    ).toBe(200);
    const id = await newSop(undefined, { unitId: unit.id });
    const listOf = async (u: TestUser) =>
      (await json<Array<{ id: string; role: string }>>(await srv.api('/api/sops', { as: u }))).find(
        (r) => r.id === id,
      );
    expect((await listOf(anggota))?.role).toBe('editor');
    expect(await listOf(luar)).toBeUndefined();
    expect((await srv.api(`/api/sops/${id}`, { as: luar })).status).toBe(403);
    const set = await srv.api(`/api/sops/${id}/settings`, {
      method: 'PATCH',
      json: { unitRole: 'viewer' },
    });
    expect(set.status).toBe(200);
    expect((await listOf(anggota))?.role).toBe('viewer');
    expect((await srv.api(`/api/sops/${id}/export.json`, { as: anggota })).status).toBe(200);
    expect((await srv.api(`/api/sops/${id}`, { as: anggota, method: 'DELETE' })).status).toBe(403);
  });
});

describe('approval', () => {
  it('an editor cannot approve; an approver of another unit neither; the unit approver can', async () => {
    const u1 = await json<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Seksi A' } }),
    );
    const u2 = await json<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Seksi B' } }),
    );
    const id = await newSop(undefined, { unitId: u1.id });
    const editor = await srv.createUser({ name: 'Editor' });
    await srv.api(`/api/sops/${id}/members/${editor.id}`, {
      method: 'PUT',
      json: { role: 'editor' },
    });
    expect((await srv.api(`/api/sops/${id}/approve`, { as: editor, json: {} })).status).toBe(403);
    const other = await srv.createUser({
      name: 'Kasi B',
      title: 'Kepala Seksi B',
      isApprover: true,
      approverUnits: [u2.id],
    });
    expect((await srv.api(`/api/sops/${id}/approve`, { as: other, json: {} })).status).toBe(403);
    const kasi = await srv.createUser({
      name: 'Dra. Hj. Kasi A',
      title: 'Kepala Seksi A',
      nip: '197001012000031001',
      isApprover: true,
      approverUnits: [u1.id],
    });
    const ok = await srv.api(`/api/sops/${id}/approve`, {
      as: kasi,
      json: { effectiveDate: '2027-01-01' },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await json<{ status: string }>(ok)).status).toBe('approved');
    const snap = await json<{
      identity: { approvedBy: { title: string; name: string; nip: string }; effectiveDate: string };
      meta: { status: string };
    }>(await srv.api(`/api/sops/${id}`));
    expect(snap.meta.status).toBe('approved');
    expect(snap.identity.approvedBy).toEqual({
      title: 'Kepala Seksi A',
      name: 'Dra. Hj. Kasi A',
      nip: '197001012000031001',
    });
    expect(snap.identity.effectiveDate).toBe('2027-01-01');
    const versions = await json<Array<{ kind: string; createdBy: string }>>(
      await srv.api(`/api/sops/${id}/versions`),
    );
    expect(versions[0]).toMatchObject({ kind: 'approved', createdBy: 'Dra. Hj. Kasi A' });
    const audit = await json<{ items: Array<{ action: string }> }>(
      await srv.api(`/api/audit?sopId=${id}&action=approval.approved`),
    );
    expect(audit.items).toHaveLength(1);
  });

  it('a chain signs in order, each next signer is notified, the last approves', async () => {
    const unit = await json<{ id: string }>(
      await srv.api('/api/units', { json: { name: 'Bidang C' } }),
    );
    const mk = (name: string, title: string) =>
      srv.createUser({ name, title, isApprover: true, approverUnits: [unit.id] });
    const kasi = await mk('Kasi', 'Kepala Seksi');
    const kabid = await mk('Kabid', 'Kepala Bidang');
    const kadis = await mk('Kadis', 'Kepala Dinas');
    const chain = await srv.api(`/api/units/${unit.id}/chain`, {
      method: 'PUT',
      json: { approvers: [kasi.id, kabid.id, kadis.id] },
    });
    expect(chain.status).toBe(200);
    const id = await newSop(undefined, { unitId: unit.id });
    const approve = (u: TestUser) => srv.api(`/api/sops/${id}/approve`, { as: u, json: {} });
    const early = await approve(kabid);
    expect(early.status).toBe(409);
    expect((await json<ErrorBody>(early)).error.code).toBe('not_your_turn');
    expect((await approve(kasi)).status).toBe(200);
    const notes = await json<{ unread: number; items: Array<{ kind: string; sopId: string }> }>(
      await srv.api('/api/notifications', { as: kabid }),
    );
    expect(notes.items.some((n) => n.kind === 'approval.next' && n.sopId === id)).toBe(true);
    const mid = await json<{ status: string; next: { userId: string } }>(await approve(kabid));
    expect(mid.status).toBe('in_review');
    expect(mid.next.userId).toBe(kadis.id);
    // Kadis returns it with a note: back to draft, the round starts again.
    const ret = await srv.api(`/api/sops/${id}/approval/return`, {
      as: kadis,
      json: { note: 'Lengkapi dasar hukum' },
    });
    expect(ret.status).toBe(200);
    expect((await approve(kabid)).status).toBe(409);
    for (const u of [kasi, kabid]) expect((await approve(u)).status).toBe(200);
    const last = await json<{ status: string }>(await approve(kadis));
    expect(last.status).toBe('approved');
    const state = await json<{ chain: Array<{ state: string }> }>(
      await srv.api(`/api/sops/${id}/approval`),
    );
    expect(state.chain.map((c) => c.state)).toEqual(['signed', 'signed', 'signed']);
  });
});

describe('meeting links and tokens', () => {
  it('a guest gets exactly the link role on that SOP; revoking ends it', async () => {
    const id = await newSop();
    const otherId = await newSop();
    const link = await json<{ id: string; code: string; url: string; role: string }>(
      await srv.api(`/api/sops/${id}/links`, { json: {} }),
    );
    expect(link.role).toBe('commenter');
    expect(link.url).toMatch(new RegExp(`/j/${link.code}$`));
    const info = await srv.api(`/api/join/${link.code}`, { as: null });
    expect(info.status).toBe(200);
    const join = await srv.api(`/api/join/${link.code}`, {
      as: null,
      json: { name: 'Tamu Rapat' },
    });
    expect(join.status).toBe(200);
    const cookie = /susun_session=[^;]+/.exec(join.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const guest = { id: '', email: '', password: '', name: 'Tamu Rapat', cookie, token: '' };
    expect((await srv.api(`/api/sops/${id}`, { as: guest })).status).toBe(200);
    expect((await srv.api(`/api/sops/${otherId}`, { as: guest })).status).toBe(403);
    expect((await srv.api('/api/sops', { as: guest, json: { template: 'sop-ap' } })).status).toBe(
      403,
    );
    const c = await srv.api(`/api/sops/${id}/discussion`, {
      as: guest,
      json: { op: 'createThread', anchor: { kind: 'sop' }, body: 'Dari tamu' },
    });
    expect(c.status).toBe(200);
    expect((await srv.api(`/api/sops/${id}/links/${link.id}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await srv.api(`/api/sops/${id}`, { as: guest })).status).toBe(401);
    expect((await srv.api(`/api/join/${link.code}`, { as: null })).status).toBe(410);
    expect((await srv.api('/api/join/ZZZZZZZZZZ', { as: null })).status).toBe(404);
  });

  it('a token carries at most its owner’s rights and can be capped and revoked', async () => {
    const id = await newSop();
    const viewer = await srv.createUser({ name: 'Skrip' });
    await srv.api(`/api/sops/${id}/members/${viewer.id}`, {
      method: 'PUT',
      json: { role: 'viewer' },
    });
    const bearer = (t: string) => ({ as: null, headers: { Authorization: `Bearer ${t}` } });
    expect((await srv.api(`/api/sops/${id}`, bearer(viewer.token))).status).toBe(200);
    expect(
      (await srv.api(`/api/sops/${id}`, { ...bearer(viewer.token), method: 'DELETE' })).status,
    ).toBe(403);
    const capped = await json<{ id: string; token: string }>(
      await srv.api('/api/tokens', { json: { sopId: id, role: 'viewer' } }),
    );
    expect(
      (await srv.api(`/api/sops/${id}`, { ...bearer(capped.token), method: 'DELETE' })).status,
    ).toBe(403);
    const other = await newSop();
    expect((await srv.api(`/api/sops/${other}`, bearer(capped.token))).status).toBe(403);
    expect((await srv.api(`/api/tokens/${capped.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await srv.api(`/api/sops/${id}`, bearer(capped.token))).status).toBe(401);
  });
});

describe('web security', () => {
  it('refuses a cross-site form POST and a foreign Host', async () => {
    const id = await newSop();
    await srv.api(`/api/sops/${id}`, { method: 'DELETE' });
    const forged = await fetch(`${srv.url}/api/sops/${id}/restore`, {
      method: 'POST',
      headers: {
        Cookie: srv.admin.cookie,
        Origin: 'http://evil.example',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'a=1',
    });
    expect(forged.status).toBe(403);
    const list = await json<Array<{ id: string }>>(await srv.api('/api/sops?archived=1'));
    expect(list.map((r) => r.id)).toContain(id);
    // fetch() cannot forge Host; a raw request can (as a rebinding browser would send it).
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: srv.port,
          path: '/api/health',
          headers: { Host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('never writes a password, a session id or a token to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const dataDir = makeTempDir();
    const password = 'sandi-yang-sangat-rahasia';
    const server = await createSusunServer(
      {
        ...loadConfig({}),
        port: 0,
        dataDir,
        seedSample: false,
        adminEmail: 'log@susun.test',
        adminPassword: password,
        logLevel: 'trace',
      },
      { logger: createLogger('trace', sink) },
    );
    try {
      const url = `http://127.0.0.1:${server.port}`;
      const bad = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'log@susun.test', password: 'salah-sekali-123' }),
      });
      expect(bad.status).toBe(401);
      const ok = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'log@susun.test', password }),
      });
      const cookie = /susun_session=([^;]+)/.exec(ok.headers.get('set-cookie') ?? '')?.[1] ?? '';
      expect(cookie.length).toBeGreaterThan(20);
      const t = await fetch(`${url}/api/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: `susun_session=${cookie}` },
        body: '{}',
      });
      const { token } = (await t.json()) as { token: string };
      await fetch(`${url}/api/sops/nope?token=${token}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      for (const secret of [password, 'salah-sekali-123', cookie, token])
        expect(all.includes(secret), 'a secret reached the log').toBe(false);
    } finally {
      await server.close();
    }
  });
});
