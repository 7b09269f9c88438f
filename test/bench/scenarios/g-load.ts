/**
 * Load probes of scenario (g), run in the orchestrator against Susun's HTTP API: a
 * `/api/health` poller, and a typist with observers whose fan-out latency is matched per
 * update (CLOCK_MONOTONIC, lib/clock.ts). Signing in and importing SOPs: lib/bench.ts.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SopDoc } from '../../../shared/model/index.js';
import type { Api } from '../lib/bench.js';
import { nowMs } from '../lib/clock.js';
import { sleep } from '../lib/stats.js';

/** Polls `/api/health` back to back with `gapMs` between polls until stopped; latencies in ms. */
export function pollHealth(api: Api, gapMs: number): { stop(): Promise<number[]> } {
  const lat: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = nowMs();
      const res = await api.fetch('/api/health');
      await res.arrayBuffer();
      lat.push(nowMs() - t0);
      await sleep(gapMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return lat;
    },
  };
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function connect(wsUrl: string, docId: string, token: string | null): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
  });
  provider.awareness.setLocalState(null);
  return { doc, provider };
}

function synced(c: Client): Promise<void> {
  return new Promise((resolve) => {
    if (c.provider.synced) resolve();
    else c.provider.on('sync', (s: boolean) => s && resolve());
  });
}

/**
 * One typist and `observers` observers on `docId`. The typist rewrites the SOP's unit field
 * to `u<k>` at a steady rate; an observer's latency for update k is its receive time minus
 * the send time.
 */
export async function typingRoom(
  wsUrl: string,
  docId: string,
  token: string | null,
  observers: number,
) {
  const typist = connect(wsUrl, docId, token);
  const obs = Array.from({ length: observers }, () => connect(wsUrl, docId, token));
  await Promise.all([typist, ...obs].map(synced));
  const sop = new SopDoc(typist.doc);
  const recv = obs.map(() => new Map<number, number>());
  const sent = new Map<number, number>();
  obs.forEach((o, i) => {
    const unit = new SopDoc(o.doc).identity.text('unit');
    let last = -1;
    unit.observe(() => {
      const t = nowMs();
      const k = Number(/^u(\d+)$/.exec(unit.toString())?.[1] ?? Number.NaN);
      // Edits of one client arrive in order: seeing k means every edit up to k has arrived
      // (the server may deliver several in one message after a pause).
      for (let j = last + 1; j <= k; j++) recv[i]!.set(j, t);
      if (k > last) last = k;
    });
  });
  let k = 0;
  return {
    /** Types at `rateHz` (absolute schedule) until `until` settles; returns latencies and counts. */
    async typeUntil(until: Promise<unknown>, rateHz: number) {
      let done = false;
      void until.finally(() => {
        done = true;
      });
      const from = k;
      const t0 = nowMs();
      for (let i = 0; !done; i++) {
        const wait = t0 + (i * 1000) / rateHz - nowMs();
        if (wait > 0) await sleep(wait);
        sent.set(k, nowMs());
        // Each edit carries its index, so an observer can tell which update it received.
        sop.identity.set('unit', `u${k}`);
        k++;
      }
      await sleep(500); // stragglers
      const lat: number[] = [];
      let expected = 0;
      for (const r of recv) {
        for (let j = from; j < k; j++) {
          expected++;
          const at = r.get(j);
          if (at !== undefined) lat.push(at - sent.get(j)!);
        }
      }
      return { lat, expected };
    },
    close() {
      for (const c of [typist, ...obs]) {
        c.provider.destroy();
        c.doc.destroy();
      }
    },
  };
}
