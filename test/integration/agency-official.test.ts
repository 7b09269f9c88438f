/**
 * Issue 14 — the official document's data: the agency profile and its logo (PNG and SVG
 * accepted, unsafe SVG refused, oversize refused with 413 without reading it all), SOP
 * numbers (assigned on creation, unique, changed by an administrator), the planned
 * effective date kept by approval, and the public verification page of approved
 * versions (`/v/<code>`: current, superseded, unknown).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/agency/verification.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { newSop } from '../helpers/sops.js';

/** A 1×1 PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const SVG_OK = `<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn in Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 100 100" width="100" height="100">
  <sodipodi:namedview id="base" pagecolor="#ffffff"/>
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1b3a8a"/></linearGradient></defs>
  <g inkscape:label="Layer 1"><circle cx="50" cy="50" r="40" fill="url(#g)"/>
  <use xlink:href="#g"/><text x="50" y="55" text-anchor="middle">A &amp; B</text></g>
</svg>`;

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** PUT a logo body as the admin (or `as`). */
function putLogo(srv: TestServer, body: string | Buffer, type: string, as?: TestUser) {
  return srv.api('/api/agency/logo', {
    method: 'PUT',
    headers: { 'Content-Type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    ...(as ? { as } : {}),
  });
}

/**
 * Sends `size` bytes of body without waiting for the server to read them; resolves with
 * the status as soon as the answer arrives, and how much had been written by then.
 */
function rawUpload(
  srv: TestServer,
  size: number,
  withLength: boolean,
): Promise<{ status: number; body: string; sentAtAnswer: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${srv.url}/api/agency/logo`, {
      method: 'PUT',
      headers: {
        Cookie: srv.admin.cookie,
        Origin: srv.url,
        'Content-Type': 'image/png',
        ...(withLength ? { 'Content-Length': String(size) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentAtAnswer: at }));
      res.on('error', reject);
    });
    // The server closes the connection after its 413: writing further fails, as expected.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('agency profile and logo', () => {
  let srv: TestServer;
  let member: TestUser;
  beforeAll(async () => {
    srv = await startTestServer();
    member = await srv.createUser({ name: 'Anggota' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('an administrator edits the letterhead, the default title and the numbering rule', async () => {
    const res = await srv.api('/api/agency', {
      method: 'PATCH',
      json: {
        name: 'Dinas Perpustakaan dan Kearsipan',
        lines: [
          'PEMERINTAH PROVINSI BANTEN',
          'DINAS PERPUSTAKAAN DAN KEARSIPAN',
          'Jl. Syech Nawawi',
        ],
        approverTitle: 'Kepala Dinas Perpustakaan dan Kearsipan',
        numbering: { prefix: 'SOP', pattern: '{prefix}/{unit}/{year}/{seq:3}' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const got = await json<{ name: string; lines: string[]; approverTitle: string }>(
      await srv.api('/api/agency', { as: member }),
    );
    expect(got.name).toBe('Dinas Perpustakaan dan Kearsipan');
    expect(got.lines).toHaveLength(3);
    expect(got.approverTitle).toBe('Kepala Dinas Perpustakaan dan Kearsipan');
    const audit = await json<{ items: Array<{ detail: { fields: string[] } }> }>(
      await srv.api('/api/audit?action=agency.updated'),
    );
    expect(audit.items[0]?.detail.fields).toEqual(['name', 'lines', 'approverTitle', 'numbering']);
  });

  it('a bad numbering pattern is refused with 422', async () => {
    const res = await srv.api('/api/agency', {
      method: 'PATCH',
      json: { numbering: { pattern: '{prefix}/{year}' } },
    });
    expect(res.status).toBe(422);
  });

  it('a member cannot change the profile or the logo (403)', async () => {
    expect(
      (await srv.api('/api/agency', { method: 'PATCH', json: { lines: ['X'] }, as: member }))
        .status,
    ).toBe(403);
    expect((await putLogo(srv, PNG_1X1, 'image/png', member)).status).toBe(403);
    expect((await srv.api('/api/agency/logo', { method: 'DELETE', as: member })).status).toBe(403);
  });

  it('a PNG logo is accepted (checked by its signature) and served to signed-in callers', async () => {
    const res = await putLogo(srv, PNG_1X1, 'image/png');
    expect(res.status, await res.clone().text()).toBe(200);
    const { logo } = await json<{ logo: { url: string; mime: string } }>(res);
    expect(logo.mime).toBe('image/png');
    const img = await srv.api(logo.url, { as: member });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    expect((await srv.api(logo.url, { as: null })).status).toBe(401);
    // Declared PNG, but not one.
    const fake = await putLogo(
      srv,
      Buffer.from('GIF89a not a png at all, really not'),
      'image/png',
    );
    expect(fake.status).toBe(422);
    expect((await json<{ error: { code: string } }>(fake)).error.code).toBe('invalid_image');
    expect((await putLogo(srv, Buffer.from('hello'), 'text/plain')).status).toBe(415);
  });

  it('an SVG logo is accepted, rewritten without editor metadata, and served with a locked-down CSP', async () => {
    const res = await putLogo(srv, SVG_OK, 'image/svg+xml');
    expect(res.status, await res.clone().text()).toBe(200);
    const { logo, stripped } = await json<{ logo: { url: string }; stripped: string[] }>(res);
    expect(stripped).toEqual(expect.arrayContaining(['<sodipodi:namedview>', '<metadata>']));
    const img = await srv.api(logo.url);
    expect(img.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(img.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await img.text();
    expect(text).toContain('<circle cx="50" cy="50" r="40" fill="url(#g)">');
    expect(text).toContain('xlink:href="#g"');
    expect(text).toContain('A &amp; B');
    expect(text).not.toMatch(/sodipodi|inkscape|metadata/);
  });

  it.each([
    ['a script element', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['an event handler', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    [
      'a javascript: link',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>',
    ],
    [
      'foreignObject',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
    ],
    [
      'an external image',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
    ],
    [
      'an external url() in a style',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p#x)"/></svg>',
    ],
    [
      '@import in a stylesheet',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(#x); rect{fill:red}</style></svg>',
    ],
    [
      'entity declarations',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    ],
  ])('an SVG with %s is refused with 422', async (_what, svg) => {
    const res = await putLogo(srv, svg, 'image/svg+xml');
    expect(res.status).toBe(422);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unsafe_svg');
  });

  it('a 20 MB upload is refused with 413 from its Content-Length, without reading it', async () => {
    const size = 20 * 1024 * 1024;
    const r = await rawUpload(srv, size, true);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('logo_too_large');
    // The answer came long before the body could have been sent (and read).
    expect(r.sentAtAnswer).toBeLessThan(size);
    // The server still answers.
    expect((await srv.api('/api/agency')).status).toBe(200);
  });

  it('a body without Content-Length is cut off at the limit: 413', async () => {
    const size = 20 * 1024 * 1024;
    const r = await rawUpload(srv, size, false);
    expect(r.status).toBe(413);
    expect(r.sentAtAnswer).toBeLessThan(size);
  });

  it('removing the logo', async () => {
    expect((await srv.api('/api/agency/logo', { method: 'DELETE' })).status).toBe(200);
    expect((await srv.api('/api/agency/logo')).status).toBe(404);
  });
});

describe('SOP numbers', () => {
  let srv: TestServer;
  let unitId: string;
  beforeAll(async () => {
    srv = await startTestServer();
    const u = await srv.api('/api/units', { json: { name: 'Bidang Kearsipan' } });
    unitId = (await json<{ id: string }>(u)).id;
  });
  afterAll(async () => {
    await srv?.close();
  });

  const create = async (name: string, unit: string | null = unitId) => {
    const res = await srv.api('/api/sops', { json: { template: 'sop-ap', name, unitId: unit } });
    expect(res.status).toBe(201);
    return (await json<{ id: string }>(res)).id;
  };
  const numberOf = async (id: string) =>
    (await json<{ identity: { number: string } }>(await srv.api(`/api/sops/${id}`))).identity
      .number;
  const listed = async (id: string) =>
    (await json<Array<{ id: string; number: string }>>(await srv.api('/api/sops'))).find(
      (r) => r.id === id,
    )?.number;

  it('a new SOP is numbered by the pattern: the unit code defaults to its initials', async () => {
    const year = new Date().getFullYear();
    const a = await create('Satu');
    const b = await create('Dua');
    expect(await numberOf(a)).toBe(`SOP/BK/${year}/001`);
    expect(await numberOf(b)).toBe(`SOP/BK/${year}/002`);
    expect(await listed(a)).toBe(`SOP/BK/${year}/001`);
    // Without a unit the part and one separator are left out; its counter is its own.
    expect(await numberOf(await create('Tanpa unit', null))).toBe(`SOP/${year}/001`);
    // A unit code set by an administrator.
    await srv.api('/api/agency', {
      method: 'PATCH',
      json: { numbering: { unitCodes: { [unitId]: 'ARSIP' } } },
    });
    expect(await numberOf(await create('Tiga'))).toBe(`SOP/ARSIP/${year}/001`);
  });

  it('20 SOPs created at once get 20 distinct numbers', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => create(`Serentak ${i}`)));
    const numbers = await Promise.all(ids.map(numberOf));
    expect(new Set(numbers).size).toBe(20);
  });

  it('an administrator changes a number; the listing and the document agree; a duplicate is 409', async () => {
    const a = await create('Ubah');
    const b = await create('Lain');
    const res = await srv.api(`/api/sops/${a}/number`, {
      method: 'PATCH',
      json: { number: 'SOP/KHUSUS/01' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await numberOf(a)).toBe('SOP/KHUSUS/01');
    expect(await listed(a)).toBe('SOP/KHUSUS/01');
    const dup = await srv.api(`/api/sops/${b}/number`, {
      method: 'PATCH',
      json: { number: 'sop/khusus/01 ' },
    });
    expect(dup.status).toBe(409);
    const body = await json<{ error: { code: string; message: string } }>(dup);
    expect(body.error.code).toBe('number_taken');
    expect(body.error.message).toContain('SOP');
    // The freed number can be taken by another.
    await srv.api(`/api/sops/${a}/number`, { method: 'PATCH', json: { number: 'SOP/KHUSUS/02' } });
    expect(
      (
        await srv.api(`/api/sops/${b}/number`, {
          method: 'PATCH',
          json: { number: 'SOP/KHUSUS/01' },
        })
      ).status,
    ).toBe(200);
    const audit = await json<{ items: Array<{ detail: { number: string } }> }>(
      await srv.api(`/api/audit?sopId=${b}&action=sop.number.set`),
    );
    expect(audit.items[0]?.detail.number).toBe('SOP/KHUSUS/01');
  });

  it('only an administrator changes a number (403), even the SOP owner', async () => {
    const owner = await srv.createUser({ name: 'Pemilik' });
    await srv.api(`/api/units/${unitId}/members/${owner.id}`, { method: 'PUT' });
    const res = await srv.api('/api/sops', {
      json: { template: 'sop-ap', name: 'Milik', unitId },
      as: owner,
    });
    const { id } = await json<{ id: string }>(res);
    const patch = await srv.api(`/api/sops/${id}/number`, {
      method: 'PATCH',
      json: { number: 'X/1' },
      as: owner,
    });
    expect(patch.status).toBe(403);
  });

  it('an imported SOP keeps its number when free, and is numbered anew when taken', async () => {
    const a = await create('Asal');
    const snap = await json<Record<string, unknown>>(await srv.api(`/api/sops/${a}`));
    const imp = await srv.api('/api/sops/import', { json: snap });
    expect(imp.status).toBe(201);
    const copy = (await json<{ id: string }>(imp)).id;
    expect(await numberOf(copy)).not.toBe(await numberOf(a));
    expect(await numberOf(copy)).not.toBe('');
  });
});

describe('approval and verification', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ verifyRatePerMinute: 1000 });
  });
  afterAll(async () => {
    await srv?.close();
  });

  /** An SOP whose Tanggal Efektif is planned (set before approval). */
  async function sopWithPlannedDate(planned: string): Promise<string> {
    const id = await newSop(srv, 'Perlindungan Arsip');
    const snap = await json<{ identity: Record<string, unknown> }>(
      await srv.api(`/api/sops/${id}`),
    );
    snap.identity.effectiveDate = planned;
    const imp = await srv.api('/api/sops/import', { json: snap });
    return (await json<{ id: string }>(imp)).id;
  }

  it('approval keeps a planned effective date in the future', async () => {
    const id = await sopWithPlannedDate('2027-03-01');
    const ok = await srv.api(`/api/sops/${id}/approve`, { json: {} });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const snap = await json<{ identity: { effectiveDate: string } }>(
      await srv.api(`/api/sops/${id}`),
    );
    expect(snap.identity.effectiveDate).toBe('2027-03-01');
  });

  it('an effective date before the approval date needs a reason (422 without one)', async () => {
    const id = await newSop(srv, 'Mundur');
    const no = await srv.api(`/api/sops/${id}/approve`, { json: { effectiveDate: '2026-01-05' } });
    expect(no.status).toBe(422);
    expect((await json<{ error: { code: string } }>(no)).error.code).toBe(
      'effective_date_reason_required',
    );
    const yes = await srv.api(`/api/sops/${id}/approve`, {
      json: { effectiveDate: '2026-01-05', effectiveDateReason: 'Sudah berlaku sejak Januari' },
    });
    expect(yes.status, await yes.clone().text()).toBe(200);
    const audit = await json<{ items: Array<{ detail: Record<string, unknown> }> }>(
      await srv.api(`/api/audit?sopId=${id}&action=approval.approved`),
    );
    expect(audit.items[0]?.detail.effectiveDateReason).toBe('Sudah berlaku sejak Januari');
  });

  it('/v/<code>: the current version, a superseded one, an unknown code', async () => {
    const id = await newSop(srv, 'SOP Verifikasi');
    expect(
      (await json<{ verification: unknown }>(await srv.api(`/api/sops/${id}/official`)))
        .verification,
    ).toBeNull();
    expect((await srv.api(`/api/sops/${id}/approve`, { json: {} })).status).toBe(200);
    const first = (
      await json<{ verification: { code: string; url: string; version: number } }>(
        await srv.api(`/api/sops/${id}/official`),
      )
    ).verification;
    expect(first.version).toBe(1);
    expect(first.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(first.url).toBe(`${srv.url}/v/${first.code}`);

    // Public: no session.
    const page = await fetch(first.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    const snap = await json<{ identity: { number: string; name: string } }>(
      await srv.api(`/api/sops/${id}`),
    );
    expect(html).toContain(snap.identity.number);
    expect(html).toContain('SOP Verifikasi');
    expect(html).toContain('data-status="current"');
    expect(html).toContain('Kepala Dinas');
    // Nothing else of the SOP: no step of it is on the page.
    expect(html).not.toContain('Mulai');
    const api = await json<{ sha256: string; version: number; status: string }>(
      await fetch(`${srv.url}/api/verify/${first.code}`),
    );
    expect(api).toMatchObject({ version: 1, status: 'current' });
    // The SHA-256 is the canonical JSON of the approved version's snapshot.
    const versions = await json<Array<{ id: string; kind: string }>>(
      await srv.api(`/api/sops/${id}/versions`),
    );
    const approved = versions.find((v) => v.kind === 'approved');
    const full = await json<{ snapshot: unknown }>(
      await srv.api(`/api/sops/${id}/versions/${approved?.id}`),
    );
    expect(api.sha256).toBe(
      createHash('sha256').update(canonicalJson(full.snapshot)).digest('hex'),
    );
    expect(html).toContain(api.sha256);

    // A revision, approved again: version 2; the first copy is superseded.
    expect((await srv.api(`/api/sops/${id}/revision`, { method: 'POST' })).status).toBe(200);
    expect(
      (await json<{ verification: unknown }>(await srv.api(`/api/sops/${id}/official`)))
        .verification,
    ).toBeNull();
    expect((await srv.api(`/api/sops/${id}/approve`, { json: {} })).status).toBe(200);
    const second = (
      await json<{ verification: { code: string; version: number } }>(
        await srv.api(`/api/sops/${id}/official`),
      )
    ).verification;
    expect(second.version).toBe(2);
    const old = await (await fetch(first.url)).text();
    expect(old).toContain('data-status="superseded"');
    expect(old).toContain('Digantikan oleh versi 2');
    expect(old).toContain(`href="${srv.url}/v/${second.code}"`);
    expect(await (await fetch(`${srv.url}/v/${second.code}`)).text()).toContain(
      'data-status="current"',
    );

    // Unknown codes (also malformed ones) are a 404 page, never the app.
    for (const p of ['/v/ZZZZ-ZZZZ', '/v/not-a-code', '/v/', '/v']) {
      const res = await fetch(`${srv.url}${p}`);
      expect(res.status, p).toBe(404);
      const text = await res.text();
      expect(text, p).toContain('Kode verifikasi tidak dikenal');
    }
    expect((await fetch(`${srv.url}/api/verify/ZZZZ-ZZZZ`)).status).toBe(404);
  });

  it('/api/sops/:id/official needs read access; it carries the letterhead', async () => {
    await srv.api('/api/agency', {
      method: 'PATCH',
      json: { name: 'Dinas Uji', lines: ['PEMERINTAH PROVINSI UJI'] },
    });
    await putLogo(srv, PNG_1X1, 'image/png');
    const id = await newSop(srv, 'Rahasia');
    const stranger = await srv.createUser({ name: 'Orang Lain' });
    expect((await srv.api(`/api/sops/${id}/official`, { as: stranger })).status).toBe(403);
    expect((await srv.api(`/api/sops/${id}/official`, { as: null })).status).toBe(401);
    const official = await json<{
      letterhead: { agencyName: string; lines: string[]; logoUrl: string };
    }>(await srv.api(`/api/sops/${id}/official`));
    expect(official.letterhead).toMatchObject({
      agencyName: 'Dinas Uji',
      lines: ['PEMERINTAH PROVINSI UJI'],
    });
    expect(official.letterhead.logoUrl).toMatch(/^\/api\/agency\/logo\?v=/);
  });

  it('the approver title falls back to the agency default when the profile has none', async () => {
    await srv.api('/api/agency', { method: 'PATCH', json: { approverTitle: 'Kepala Dinas Uji' } });
    const approver = await srv.createUser({
      name: 'Tanpa Jabatan',
      isApprover: true,
      approverUnits: ['*'],
    });
    const res = await srv.api('/api/sops', { json: { template: 'sop-ap', name: 'Judul' } });
    const { id } = await json<{ id: string }>(res);
    await srv.api(`/api/sops/${id}/members/${approver.id}`, {
      method: 'PUT',
      json: { role: 'viewer' },
    });
    const ok = await srv.api(`/api/sops/${id}/approve`, { json: {}, as: approver });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const snap = await json<{ identity: { approvedBy: { title: string } } }>(
      await srv.api(`/api/sops/${id}`),
    );
    expect(snap.identity.approvedBy.title).toBe('Kepala Dinas Uji');
  });
});

describe('verification rate limit', () => {
  it('lookups beyond the limit per address get 429 with Retry-After', async () => {
    const srv = await startTestServer({ verifyRatePerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await fetch(`${srv.url}/v/ZZZZ-ZZZ${i + 2}`)).status);
      expect(codes).toEqual([404, 404, 404, 429]);
      const api = await fetch(`${srv.url}/api/verify/ZZZZ-ZZZZ`);
      expect(api.status).toBe(429);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await srv.close();
    }
  });
});
