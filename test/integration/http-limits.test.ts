/**
 * Rule (issue 12 §10): health is honest and slow clients cannot hold sockets.
 * - `/api/health` answers 503 `degraded` from a failed storage write until a write
 *   succeeds again.
 * - A request whose headers (or body) trickle in is answered 408 and closed once the
 *   configured timeout passes (the test waits for the close, it does not time it).
 * - One address holds at most `maxHttpConnectionsPerIp` plain HTTP connections;
 *   upgraded WebSockets do not count.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { limitConnectionsPerAddress } from '../../server/http/httpLimits.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStores } from '../../server/storage/stores.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { newSop } from '../helpers/sops.js';

let srv: TestServer | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await srv?.close();
  srv = null;
});

/** A raw socket that sends `head`, then `drip` every 50 ms; resolves with what it got once the server closes it. */
function slowClient(port: number, head: string, drip: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += d.toString('latin1');
  });
  socket.on('error', () => {});
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(drip);
  }, 50);
  cleanups.push(() => {
    clearInterval(timer);
    socket.destroy();
  });
  socket.write(head);
  return new Promise<string>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(received);
    }),
  );
}

describe('honest health', () => {
  it('is 503 degraded while storage writes fail, and ok after the next successful write', async () => {
    const storage = createMemoryStores();
    srv = await startTestServer({}, { stores: storage });
    expect(await (await srv.api('/api/health')).json()).toMatchObject({
      status: 'ok',
      quarantined: 0,
      storage: { status: 'ok', writesFailingSince: null },
    });
    storage.failWrites = true;
    expect((await srv.api('/api/sops', { json: { template: 'sop-ap' } })).status).toBe(500);
    const down = await srv.api('/api/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'degraded',
      storage: {
        status: 'degraded',
        writesFailingSince: expect.any(String),
        lastWriteError: 'simulated write failure',
      },
    });
    storage.failWrites = false;
    await newSop(srv, 'Disk pulih');
    const up = await srv.api('/api/health');
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({
      status: 'ok',
      storage: { writesFailingSince: null, recoveredAt: expect.any(String) },
    });
  });
});

describe('timeouts', () => {
  it('closes a connection that trickles its headers (408)', async () => {
    srv = await startTestServer({ httpHeadersTimeoutMs: 400, httpRequestTimeoutMs: 800 });
    const got = slowClient(
      srv.port,
      'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      'X-Slow: a\r\n',
    );
    expect(await got).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that trickles its body (408)', async () => {
    srv = await startTestServer({ httpHeadersTimeoutMs: 400, httpRequestTimeoutMs: 800 });
    const got = slowClient(
      srv.port,
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
    );
    expect(await got).toMatch(/^HTTP\/1\.1 408/);
  });

  it('the defaults are a few seconds, and headers may not outlast the request', () => {
    const c = loadConfig({});
    expect(c.httpHeadersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(c.httpRequestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '9000', HTTP_REQUEST_TIMEOUT_MS: '5000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});

describe('connections per address', () => {
  /** A bare HTTP server with the limiter; upgrades are accepted and held open. */
  async function limited(max: number): Promise<number> {
    const server = http.createServer((_req, res) => res.end('ok'));
    limitConnectionsPerAddress(server, max, silentLogger());
    server.on('upgrade', (_req, socket: net.Socket) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n',
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    return (server.address() as net.AddressInfo).port;
  }

  /** A connected socket, and a promise of its close (listened to from the start). */
  async function open(port: number): Promise<net.Socket & { gone: Promise<void> }> {
    const s = net.connect(port, '127.0.0.1');
    cleanups.push(() => s.destroy());
    s.on('error', () => {});
    const gone = new Promise<void>((r) => s.once('close', () => r()));
    await new Promise<void>((resolve) => {
      s.once('connect', () => resolve());
      s.once('close', () => resolve());
    });
    return Object.assign(s, { gone });
  }

  /** Send a request on `s` and resolve with the first bytes of the answer ('' if closed). */
  function ask(s: net.Socket, request: string): Promise<string> {
    return new Promise((resolve) => {
      s.once('data', (d) => resolve(d.toString('latin1')));
      s.once('close', () => resolve(''));
      if (!s.destroyed) s.write(request);
    });
  }

  const GET = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';

  it('closes the connection past the cap; a freed slot is usable again; WebSockets do not count', async () => {
    const port = await limited(2);
    // upgraded connections leave the count
    for (let i = 0; i < 3; i++) {
      const s = await open(port);
      const upgrade = 'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n';
      expect(await ask(s, upgrade)).toMatch(/^HTTP\/1\.1 101/);
    }
    const a = await open(port);
    const b = await open(port);
    const c = await open(port);
    await c.gone;
    expect(a.destroyed || b.destroyed).toBe(false);
    expect(await ask(a, GET)).toMatch(/^HTTP\/1\.1 200/);
    // A slot freed by a close is usable again, once the server has seen the close: a
    // connection refused meanwhile is closed at once, and the next one is tried.
    b.destroy();
    await b.gone;
    let answer = '';
    for (let i = 0; i < 100 && !answer; i++) answer = await ask(await open(port), GET);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
