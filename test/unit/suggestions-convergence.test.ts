/**
 * Rule (issue 16): suggestions made, accepted and rejected concurrently by three
 * replicas, over a network that drops, reorders and reconnects, end in one consistent
 * state: every replica has the same content and the same suggestions, a suggestion is
 * resolved at most once (a duplicated or racing accept is refused, never applied twice),
 * and an accepted suggestion's change is in the content.
 *
 * The model is the production one: the discussion doc has ONE writer (the authority,
 * i.e. the server), which runs the shared checked operations (`suggestionOps.ts`) on the
 * commands the replicas send from whatever — possibly stale — view they have; the
 * replicas meanwhile edit the content directly (typing, inserting, deleting, moving
 * steps). Commands can be lost, retried or duplicated; sync messages can be lost (the
 * link then stays broken until a state-vector resync) and replicas go offline.
 * Seeded, no sockets; the seed is printed on failure (rerun: SUGGESTION_SEED=<seed>).
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Author,
  acceptSuggestion,
  Discussion,
  DiscussionError,
  makeSuggestion,
  proposalOf,
  rejectSuggestion,
  type Suggestion,
  type SuggestionChange,
  type SuggestionDocs,
  Suggestions,
  sameValue,
  targetOf,
} from '../../shared/discussion/index';
import { createSop, ModelError, SopDoc, STEP_TEXT_FIELDS } from '../../shared/model/index';
import { rng } from './model-fuzzOps';

const AUTH = 0;
const CLIENTS = 3;

interface Node {
  i: number;
  content: Y.Doc;
  talk: Y.Doc;
  sop: SopDoc;
  discussion: Discussion;
  suggestions: Suggestions;
  online: boolean;
  user: Author;
}

type Command =
  | { op: 'make'; from: number; id: string; change: SuggestionChange }
  | { op: 'accept'; from: number; id: string; confirmStale: boolean }
  | { op: 'reject'; from: number; id: string }
  | { op: 'acceptAll'; from: number; authorId: string };

/** The key of what a change targets, for "was it edited since" bookkeeping. */
function targetKey(c: SuggestionChange): string | null {
  switch (c.kind) {
    case 'stepText':
      return `${c.stepId}:${c.field}`;
    case 'stepTime':
      return `${c.stepId}:time`;
    case 'stepActor':
      return `${c.stepId}:actor`;
    case 'identityText':
      return `identity:${c.field}`;
    default:
      return null;
  }
}

interface RunStats {
  made: number;
  accepted: number;
  rejected: number;
  obsolete: number;
  staleAccepted: number;
  merged: number;
  /** Commands the server refused, by reason (retries, stale, already resolved, ...). */
  refused: Record<string, number>;
}

function simulate(seed: number, ops: number): RunStats {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined =>
    xs.length ? xs[Math.floor(rand() * xs.length)] : undefined;
  const initial = createSop('sample', { now: new Date('2026-11-01T00:00:00Z') });
  const initialState = Y.encodeStateAsUpdate(initial);

  // ----- nodes: 0 is the authority (the server), 1..3 the replicas
  const nodes: Node[] = [];
  // queues[`${from}>${to}:${doc}`]: updates in flight on that link (FIFO, like a socket)
  const links = new Map<string, Uint8Array[]>();
  const broken = new Set<string>();
  const netOrigin = (from: number) => `net:${from}`;
  for (let i = 0; i <= CLIENTS; i++) {
    const content = new Y.Doc();
    const talk = new Y.Doc();
    content.clientID = seed * 10 + i + 1;
    talk.clientID = seed * 10 + i + 101;
    Y.applyUpdate(content, initialState, 'load');
    let counter = 0;
    let clock = 1_000;
    const sop = new SopDoc(content, {
      origin: i === AUTH ? 'server' : 'local',
      random: rng(seed * 7919 + i),
    });
    const discussion = new Discussion(talk, {
      origin: 'server',
      newId: () => `t${i}-${counter++}`,
      now: () => (clock += Math.floor(rand() * 3)),
    });
    const suggestions = new Suggestions(discussion, {
      newId: () => `g${i}-${counter++}`,
      now: () => (clock += Math.floor(rand() * 3)),
    });
    const user = { id: `u${i}`, name: `User ${i}`, colour: '#123456' };
    const node: Node = { i, content, talk, sop, discussion, suggestions, online: true, user };
    nodes.push(node);
    for (const [name, doc] of [
      ['content', content],
      ['talk', talk],
    ] as const) {
      doc.on('update', (u: Uint8Array, origin: unknown) => {
        if (!node.online) return;
        const targets =
          i === AUTH
            ? // the server relays what it got to everyone else
              Array.from({ length: CLIENTS }, (_, k) => k + 1).filter(
                (k) => origin !== netOrigin(k),
              )
            : // replicas only talk to the server, and never write the discussion
              typeof origin === 'string' && origin.startsWith('net:')
              ? []
              : [AUTH];
        if (name === 'talk' && i !== AUTH && targets.length > 0)
          throw new Error('a replica wrote the discussion doc');
        for (const to of targets) {
          const key = `${i}>${to}:${name}`;
          if (broken.has(key) || !nodes[to]?.online) continue;
          links.set(key, [...(links.get(key) ?? []), u]);
        }
      });
    }
  }
  const node = (i: number) => nodes[i] as Node;
  const auth = node(AUTH);
  const docOf = (n: Node, name: string) => (name === 'content' ? n.content : n.talk);

  /** State-vector exchange between a replica and the server (a reconnect). */
  const resync = (client: number) => {
    const c = node(client);
    if (!c.online) return;
    for (const name of ['content', 'talk']) {
      broken.delete(`${client}>${AUTH}:${name}`);
      broken.delete(`${AUTH}>${client}:${name}`);
      const a = docOf(auth, name);
      const b = docOf(c, name);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), netOrigin(client));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), netOrigin(AUTH));
    }
  };
  const deliver = () => {
    const busy = [...links.entries()].filter(([, q]) => q.length > 0);
    const chosen = pick(busy);
    if (!chosen) return;
    const [key, queue] = chosen;
    const update = queue.shift() as Uint8Array;
    const [route, name] = key.split(':') as [string, string];
    const [from, to] = route.split('>').map(Number) as [number, number];
    if (!node(to).online) return;
    if (rand() < 0.01) {
      // lost: the link is out of sync until a resync
      broken.add(key);
      links.set(key, []);
      return;
    }
    Y.applyUpdate(docOf(node(to), name), update, netOrigin(from));
  };

  // ----- bookkeeping for the checks
  const commands: Command[] = [];
  const made = new Set<string>();
  const applied = new Map<string, number>();
  const acceptedOrder: Suggestion[] = [];
  const insertedSteps = new Map<string, string>(); // suggestion id → created step id
  const touchedByClients = new Set<string>();
  const deletedByClients = new Set<string>();
  const resolutionWrites = new Map<string, number>();
  let proposed = 0;
  /** Accepted wording applied into a field that had changed elsewhere meanwhile. */
  let merged = 0;
  const refused: Record<string, number> = {};
  const refuse = (why: string) => {
    refused[why] = (refused[why] ?? 0) + 1;
  };
  auth.talk.getMap('suggestions').observeDeep((events) => {
    for (const e of events) {
      if (e.path.length === 1 && e instanceof Y.YMapEvent && e.keysChanged.has('resolution')) {
        const id = String(e.path[0]);
        const s = auth.suggestions.get(id);
        if (s?.resolution) resolutionWrites.set(id, (resolutionWrites.get(id) ?? 0) + 1);
      }
    }
  });
  // What the server's own writes did to the content: changing transactions, new steps.
  let serverWrites = 0;
  let serverNewSteps = 0;
  auth.content.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === 'server' && tr.changed.size > 0) serverWrites++;
  });
  auth.content.getMap('steps').observe((e, tr) => {
    if (tr.origin !== 'server') return;
    for (const change of e.changes.keys.values()) if (change.action === 'add') serverNewSteps++;
  });
  const x: SuggestionDocs = {
    sop: auth.sop,
    discussion: auth.discussion,
    suggestions: auth.suggestions,
  };
  const authorOf = (from: number) => node(from).user;

  /** The server runs one command: check, then write, in one synchronous step. */
  const execute = (cmd: Command) => {
    try {
      switch (cmd.op) {
        case 'make':
          makeSuggestion(x, { author: authorOf(cmd.from), change: cmd.change, id: cmd.id });
          made.add(cmd.id);
          break;
        case 'accept': {
          const out = acceptSuggestion(x, cmd.id, authorOf(cmd.from), {
            confirmStale: cmd.confirmStale,
          });
          if (out.ok) onAccepted(out.suggestion, out.stepId, out.value);
          else refuse(out.error);
          break;
        }
        case 'reject': {
          const out = rejectSuggestion(x, cmd.id, authorOf(cmd.from));
          if (!out.ok) refuse('already-resolved');
          break;
        }
        case 'acceptAll':
          for (const s of auth.suggestions.open()) {
            if (s.author.id !== cmd.authorId) continue;
            const out = acceptSuggestion(x, s.id, authorOf(cmd.from));
            if (out.ok) onAccepted(out.suggestion, out.stepId, out.value);
          }
          break;
      }
    } catch (e) {
      // Clear refusals (unknown step or suggestion, no change, a retried id); anything
      // else is a bug.
      if (!(e instanceof DiscussionError)) throw e;
      refuse(e.code);
    }
  };
  const appliedValue = new Map<string, unknown>();
  const onAccepted = (s: Suggestion, stepId: string | undefined, value: unknown) => {
    appliedValue.set(s.id, value);
    applied.set(s.id, (applied.get(s.id) ?? 0) + 1);
    acceptedOrder.push(s);
    // Accepted ⇒ its change is in the content, right when it is applied.
    const c = s.change;
    if (c.kind === 'insertStep') {
      expect(stepId, 'insert created a step').toBeDefined();
      insertedSteps.set(s.id, stepId as string);
      const step = auth.sop.steps.get(stepId as string);
      expect(step?.activity).toBe(c.step.activity);
      expect(auth.sop.steps.ids()[auth.sop.steps.ids().indexOf(stepId as string) - 1] ?? null).toBe(
        c.afterStepId,
      );
    } else if (c.kind === 'deleteStep') {
      expect(auth.sop.steps.has(c.stepId)).toBe(false);
    } else {
      // New wording lands merged into the current text when only other parts changed.
      expect(sameValue(targetOf(c, auth.sop).value, value)).toBe(true);
      if (!sameValue(value, proposalOf(c))) merged++;
    }
  };

  // ----- what a replica does
  const clientOp = (r: Node) => {
    const ids = r.sop.steps.ids();
    const stepId = pick(ids);
    const roll = rand();
    const open = r.suggestions.open();
    try {
      if (roll < 0.3 && stepId) {
        // type into a cell (or retype it)
        const field = pick(STEP_TEXT_FIELDS) ?? 'activity';
        const t = r.sop.steps.text(stepId, field);
        const at = Math.floor(rand() * (t.length + 1));
        if (rand() < 0.3 && t.length > 0) t.delete(Math.min(at, t.length - 1), 1);
        else t.insert(at, `x${Math.floor(rand() * 10)}`);
        touchedByClients.add(`${stepId}:${field}`);
      } else if (roll < 0.34 && stepId && ids.length > 4) {
        r.sop.steps.delete(stepId);
        deletedByClients.add(stepId);
      } else if (roll < 0.37) {
        r.sop.steps.insertAfter(stepId ?? null, { activity: `baru ${proposed}` });
      } else if (roll < 0.4 && stepId) {
        const other = pick(ids);
        if (other && other !== stepId) r.sop.steps.move(stepId, { after: other });
      } else if (roll < 0.7) {
        // propose something
        const id = `p${r.i}-${proposed++}`;
        const k = rand();
        let change: SuggestionChange | null = null;
        if (k < 0.35 && stepId) {
          const field = pick(['activity', 'requirements', 'output', 'notes'] as const) ?? 'notes';
          change = { kind: 'stepText', stepId, field, text: `usul ${id}` };
        } else if (k < 0.5) {
          change = {
            kind: 'insertStep',
            afterStepId: rand() < 0.15 ? null : (stepId ?? null),
            step: {
              kind: 'process',
              actorId: pick(r.sop.actors.ids()) ?? null,
              activity: `langkah ${id}`,
              requirements: '',
              output: '',
              notes: '',
              time: { amount: 1, unit: 'hour' },
            },
          };
        } else if (k < 0.6 && stepId) {
          change = { kind: 'deleteStep', stepId };
        } else if (k < 0.7 && stepId) {
          const after = pick(ids.filter((s) => s !== stepId));
          if (after) change = { kind: 'moveStep', stepId, afterStepId: after };
        } else if (k < 0.8 && stepId) {
          change = {
            kind: 'stepActor',
            stepId,
            actorId: pick(r.sop.actors.ids()) ?? null,
            stepKind: pick(['process', 'decision', 'terminator'] as const) ?? 'process',
          };
        } else if (k < 0.9 && stepId) {
          change = {
            kind: 'stepTime',
            stepId,
            time: { amount: Math.floor(rand() * 9), unit: 'day' },
          };
        } else {
          change = { kind: 'identityText', field: 'name', text: `Nama ${id}` };
        }
        if (change) commands.push({ op: 'make', from: r.i, id, change });
      } else if (roll < 0.88) {
        const s = pick(open);
        if (s) commands.push({ op: 'accept', from: r.i, id: s.id, confirmStale: rand() < 0.5 });
      } else if (roll < 0.96) {
        const s = pick(open);
        if (s) commands.push({ op: 'reject', from: r.i, id: s.id });
      } else {
        const s = pick(open);
        if (s) commands.push({ op: 'acceptAll', from: r.i, authorId: s.author.id });
      }
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
  };

  const runCommand = () => {
    const i = Math.floor(rand() * commands.length);
    const [cmd] = commands.splice(i, 1);
    if (!cmd) return;
    const fate = rand();
    if (fate < 0.05) {
      // lost on the way; the client retries it later (or gives up)
      if (rand() < 0.5) commands.push(cmd);
      return;
    }
    execute(cmd);
    // the answer was lost: the client sends the same request again
    if (fate > 0.9) commands.push(cmd);
  };

  for (let step = 0; step < ops; step++) {
    const roll = rand();
    if (roll < 0.02) {
      const c = node(1 + Math.floor(rand() * CLIENTS));
      c.online = !c.online;
      if (!c.online) {
        for (const k of links.keys())
          if (k.startsWith(`${c.i}>`) || k.includes(`>${c.i}:`)) links.set(k, []);
      } else resync(c.i);
      continue;
    }
    if (roll < 0.4) clientOp(node(1 + Math.floor(rand() * CLIENTS)));
    else if (roll < 0.6) runCommand();
    const deliveries = Math.floor(rand() * 5);
    for (let d = 0; d < deliveries; d++) deliver();
    if (broken.size > 0 && rand() < 0.05) {
      const key = [...broken][0] as string;
      const [route] = key.split(':') as [string];
      const [a, b] = route.split('>').map(Number) as [number, number];
      resync(a === AUTH ? b : a);
    }
  }
  // The server answers what is still queued; everyone comes back and catches up.
  while (commands.length) execute(commands.shift() as Command);
  for (const n of nodes) n.online = true;
  for (let guard = 0; guard < 100_000 && [...links.values()].some((q) => q.length); guard++)
    deliver();
  for (let round = 0; round < 2; round++) for (let c = 1; c <= CLIENTS; c++) resync(c);

  // ----- every replica has the same content and the same suggestions
  const refContent = JSON.stringify(auth.sop.toSnapshot());
  const refSuggestions = JSON.stringify(auth.suggestions.getSnapshot().list);
  for (const n of nodes) {
    for (const doc of [n.content, n.talk]) {
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.store.pendingDs).toBeNull();
    }
    expect(JSON.stringify(n.sop.toSnapshot())).toBe(refContent);
    expect(JSON.stringify(n.suggestions.getSnapshot().list)).toBe(refSuggestions);
    expect(Y.encodeStateVector(n.content)).toEqual(Y.encodeStateVector(auth.content));
    expect(Y.encodeStateVector(n.talk)).toEqual(Y.encodeStateVector(auth.talk));
  }
  const final = auth.suggestions.getSnapshot();
  // every suggestion the server took is there, once
  expect(new Set(final.list.map((s) => s.id))).toEqual(made);
  for (const s of final.list) {
    // resolved at most once: one write of its resolution, one application if accepted
    expect(resolutionWrites.get(s.id) ?? 0).toBe(s.resolution ? 1 : 0);
    expect(applied.get(s.id) ?? 0).toBe(s.resolution?.status === 'accepted' ? 1 : 0);
  }
  // The content was written only by accepts, once each (a refused retry writes nothing).
  const accepted = final.list.filter((s) => s.resolution?.status === 'accepted');
  expect(serverWrites).toBeLessThanOrEqual(accepted.length);
  expect(serverNewSteps).toBe(accepted.filter((s) => s.change.kind === 'insertStep').length);
  // ----- accepted ⇒ its change is (still) in the converged content, unless it was
  // overwritten since by somebody: a later accepted suggestion on the same target, a
  // replica typing in it or deleting its step.
  const snapshot = auth.sop.toSnapshot();
  const stepIds = new Set(snapshot.steps.map((s) => s.id));
  const deletedByAccept = new Set(
    acceptedOrder.flatMap((s) => (s.change.kind === 'deleteStep' ? [s.change.stepId] : [])),
  );
  const lastPerTarget = new Map<string, Suggestion>();
  for (const s of acceptedOrder) {
    const key = targetKey(s.change);
    if (key) lastPerTarget.set(key, s);
  }
  for (const [key, s] of lastPerTarget) {
    const stepId = 'stepId' in s.change ? s.change.stepId : null;
    if (stepId && !stepIds.has(stepId)) {
      expect(deletedByClients.has(stepId) || deletedByAccept.has(stepId)).toBe(true);
      continue;
    }
    // A replica's typing merges with (and may overwrite) the accepted text.
    if (touchedByClients.has(key)) continue;
    expect(sameValue(targetOf(s.change, auth.sop).value, appliedValue.get(s.id))).toBe(true);
  }
  for (const [sid, stepId] of insertedSteps) {
    if (deletedByClients.has(stepId) || deletedByAccept.has(stepId)) continue;
    expect(stepIds.has(stepId), `step inserted by ${sid}`).toBe(true);
  }
  for (const id of deletedByAccept) expect(stepIds.has(id)).toBe(false);
  const count = (status: string) =>
    final.list.filter((s) => s.resolution?.status === status).length;
  return {
    made: made.size,
    accepted: count('accepted'),
    rejected: count('rejected'),
    obsolete: count('obsolete'),
    staleAccepted: final.list.filter((s) => s.resolution?.stale).length,
    merged,
    refused,
  };
}

describe('suggestions convergence (seeded simulation)', () => {
  const base = Number(process.env.SUGGESTION_SEED ?? 20261216);
  const count = process.env.SUGGESTION_SEED ? 1 : 12;
  const totals: RunStats[] = [];
  for (let k = 0; k < count; k++) {
    const seed = base + k;
    // Generous timeout: the machine is shared; no wall-clock assertion here.
    it(`converges, resolves at most once, keeps accepted changes (seed ${seed})`, {
      timeout: 60_000,
    }, () => {
      try {
        totals.push(simulate(seed, 400));
      } catch (e) {
        throw new Error(
          `suggestions convergence failed for seed ${seed} (rerun: SUGGESTION_SEED=${seed})\n${String(e)}`,
        );
      }
    });
  }
  // The runs must exercise what the rule is about, not pass by doing nothing.
  it('exercised accepts, rejects, obsolete and stale suggestions and refused retries', () => {
    if (totals.length < count) return; // a run failed above
    const sum = (f: (r: RunStats) => number) => totals.reduce((n, r) => n + f(r), 0);
    const refusedAs = (why: string) => sum((r) => r.refused[why] ?? 0);
    expect(sum((r) => r.accepted)).toBeGreaterThan(10);
    expect(sum((r) => r.rejected)).toBeGreaterThan(5);
    expect(sum((r) => r.obsolete)).toBeGreaterThan(0);
    expect(sum((r) => r.staleAccepted)).toBeGreaterThan(0);
    expect(sum((r) => r.merged)).toBeGreaterThan(0);
    expect(refusedAs('already-resolved')).toBeGreaterThan(5);
    expect(refusedAs('duplicate-id')).toBeGreaterThan(0);
    expect(refusedAs('stale')).toBeGreaterThan(0);
  });
});
