/**
 * Issue 2 §8 — HTTP: health, JSON errors, body limits, security headers, static
 * caching, client routes, missing build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';

describe('HTTP', () => {
  let server: TestServer;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = makeTempDir('susun-client-');
    fs.mkdirSync(path.join(clientDir, 'assets'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Susun app</title>');
    fs.writeFileSync(path.join(clientDir, 'assets', 'index-AbC123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(clientDir, 'favicon.svg'), '<svg/>');
    server = await startTestServer({ clientDir, maxBodyBytes: 2048 });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it('GET /api/health reports status, version, uptime, docs and connections', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', docsOpen: 0, connections: 0 });
    expect(typeof body.version).toBe('string');
    expect(typeof body.uptimeS).toBe('number');
  });

  it('unknown /api routes answer 404 JSON (to a signed-in caller; 401 to anyone else)', async () => {
    for (const p of ['/api/nope', '/api/sops/x/y/z', '/api']) {
      const anon = await server.api(p, { as: null });
      expect(anon.status, `${p} anonymous`).toBe(401);
      const res = await server.api(p, { method: 'GET' });
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
    }
  });

  it('a malformed JSON body is a 400 JSON error; an oversize body is 413', async () => {
    const bad = await server.api('/api/sops', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"template": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const big = await server.api('/api/sops', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'sop-ap', name: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('client routes serve index.html with security headers and no-cache', async () => {
    for (const p of ['/', '/sop/abc', '/sop/abc/print']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(await res.text()).toContain('Susun app');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('hashed assets are cached for a long time; missing files are 404', async () => {
    const res = await fetch(`${server.url}/assets/index-AbC123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect((await fetch(`${server.url}/assets/missing-123.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/nothing.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/favicon.svg`)).status).toBe(200);
  });

  it('without a built client, pages say to run npm run build', async () => {
    const s = await startTestServer({ clientDir: path.join(clientDir, 'missing') });
    try {
      const res = await fetch(`${s.url}/sop/x`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
