/**
 * Issue 17 over REST, against a real server: Keterkaitan links (bad input, flags when a
 * linked SOP is revised, confirmation, cycles in the graph), monitoring (approved SOPs
 * only, unit members only, entries stored and closed), evaluation (every criterion,
 * "revise" starts a revision with the evaluation linked, only approvers revoke), read
 * acknowledgements (a new version asks again) and the attention list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawGraph, type GraphData } from '../../shared/lifecycle/graph.js';
import type {
  AttentionItem,
  EvaluationRecord,
  LinkView,
  MonitoringRecord,
} from '../../shared/lifecycle/types.js';
import { localIsoDate } from '../../shared/model/index.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { inspectPdf, norm } from './export-helpers.js';

let srv: TestServer;
let unitId: string;
let member: TestUser;
let outsider: TestUser;

interface ErrorBody {
  error: { code: string; message: string };
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function newSop(name: string, template = 'sample'): Promise<string> {
  const res = await srv.api('/api/sops', { json: { template, name } });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await json<{ id: string }>(res)).id;
  const s = await srv.api(`/api/sops/${id}/settings`, { method: 'PATCH', json: { unitId } });
  expect(s.status, await s.clone().text()).toBe(200);
  return id;
}

async function approve(id: string): Promise<void> {
  const res = await srv.api(`/api/sops/${id}/approve`, {
    json: { effectiveDate: localIsoDate() },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect((await json<{ status: string }>(res)).status).toBe('approved');
}

async function links(id: string, as?: TestUser): Promise<LinkView[]> {
  const res = await srv.api(`/api/sops/${id}/related`, as ? { as } : {});
  expect(res.status).toBe(200);
  return json<LinkView[]>(res);
}

async function link(from: string, to: string, type = 'prerequisite'): Promise<Response> {
  return srv.api(`/api/sops/${from}/related`, { json: { targetId: to, type } });
}

const allYes = (met = true) =>
  Object.fromEntries(
    [
      'performance',
      'understandable',
      'practicable',
      'roles',
      'solvesProblems',
      'organisationNeeds',
      'synergy',
    ].map((c) => [c, { met, comment: '' }]),
  );

beforeAll(async () => {
  srv = await startTestServer();
  const u = await srv.api('/api/units', { json: { name: 'Bidang Arsip' } });
  unitId = (await json<{ id: string }>(u)).id;
  member = await srv.createUser({ name: 'Siti Arsiparis' });
  outsider = await srv.createUser({ name: 'Budi Luar' });
  for (const uid of [srv.admin.id, member.id])
    expect((await srv.api(`/api/units/${unitId}/members/${uid}`, { method: 'PUT' })).status).toBe(
      200,
    );
});
afterAll(async () => {
  await srv.close();
});

describe('Keterkaitan links', () => {
  it('refuses a link to itself, to an unknown or archived SOP, and a duplicate', async () => {
    const a = await newSop('SOP A');
    const b = await newSop('SOP B');
    const self = await link(a, a);
    expect(self.status).toBe(422);
    expect((await json<ErrorBody>(self)).error.code).toBe('link_to_self');
    const unknown = await link(a, 'no-such-sop');
    expect(unknown.status).toBe(422);
    expect((await json<ErrorBody>(unknown)).error.code).toBe('unknown_sop');
    const bad = await srv.api(`/api/sops/${a}/related`, { json: { targetId: b, type: 'x' } });
    expect(bad.status).toBe(422);
    expect((await json<ErrorBody>(bad)).error.code).toBe('invalid_body');
    const archived = await newSop('SOP Arsip');
    expect((await srv.api(`/api/sops/${archived}`, { method: 'DELETE' })).status).toBe(200);
    const toArchived = await link(a, archived);
    expect(toArchived.status).toBe(422);
    expect((await json<ErrorBody>(toArchived)).error.code).toBe('link_to_archived');
    expect((await link(a, b)).status).toBe(201);
    const dup = await link(a, b, 'related');
    expect(dup.status).toBe(409);
    expect((await json<ErrorBody>(dup)).error.code).toBe('duplicate_link');
    // Nothing half-stored: one item, pointing at B, with B's name.
    const items = await links(a);
    expect(items.filter((i) => i.targetId !== null)).toHaveLength(1);
    expect(items.find((i) => i.targetId === b)?.target?.name).toBe('SOP B');
    // Printed in Keterkaitan on the identity page, with its type.
    const exported = await srv.api(`/api/sops/${a}/export.pdf`);
    expect(exported.status).toBe(200);
    const printed = norm(inspectPdf(Buffer.from(await exported.arrayBuffer())).text);
    expect(printed).toMatch(/SOP B \(prasyarat\)/);
    // A viewer without edit rights cannot add.
    const refused = await srv.api(`/api/sops/${a}/related`, {
      as: outsider,
      json: { targetId: b },
    });
    expect(refused.status).toBe(403);
  });

  it('revising a linked SOP flags its dependants; confirming clears the flag', async () => {
    const target = await newSop('SOP Penerimaan Arsip');
    const dependant = await newSop('SOP Penataan Arsip');
    await approve(target);
    expect((await link(dependant, target)).status).toBe(201);
    expect((await links(dependant)).find((l) => l.targetId === target)?.flags).toEqual([]);
    const rev = await srv.api(`/api/sops/${target}/revision`, { method: 'POST' });
    expect(rev.status).toBe(200);
    await expect
      .poll(async () => (await links(dependant)).find((l) => l.targetId === target)?.flags.length)
      .toBe(1);
    const flag = (await links(dependant)).find((l) => l.targetId === target)?.flags[0];
    expect(flag?.reason).toBe('revised');
    // The person's attention list shows it (the admin owns the dependant).
    const att = await json<{ items: AttentionItem[] }>(await srv.api('/api/attention'));
    expect(att.items.some((i) => i.kind === 'link-flagged' && i.sopId === dependant)).toBe(true);
    // Confirmed: gone.
    const conf = await srv.api(`/api/sops/${dependant}/related/confirm`, {
      json: { targetId: target },
    });
    expect(await json(conf)).toEqual({ confirmed: 1 });
    expect((await links(dependant)).find((l) => l.targetId === target)?.flags).toEqual([]);
    // Approved again: a new version in force flags again.
    await approve(target);
    await expect
      .poll(
        async () => (await links(dependant)).find((l) => l.targetId === target)?.flags[0]?.reason,
      )
      .toBe('approved');
  });

  it('cycles are allowed and the graph still draws', async () => {
    const a = await newSop('Siklus A');
    const b = await newSop('Siklus B');
    const c = await newSop('Siklus C');
    expect((await link(a, b, 'follow-on')).status).toBe(201);
    expect((await link(b, c, 'follow-on')).status).toBe(201);
    expect((await link(c, a, 'follow-on')).status).toBe(201);
    expect((await link(b, a, 'related')).status).toBe(201);
    const g = await json<GraphData>(await srv.api(`/api/sops/${a}/related/graph`));
    expect(g.nodes.map((n) => [n.id, n.hop]).sort()).toEqual(
      [
        [a, 0],
        [b, 1],
        [c, 1],
      ].sort(),
    );
    expect(g.edges).toHaveLength(4);
    const drawing = drawGraph(g);
    // Every node is a clickable box, every link an arrow.
    expect(
      drawing.ops.filter((o) => o.op === 'rect').map((o) => 'stepId' in o && o.stepId),
    ).toEqual(expect.arrayContaining([a, b, c]));
    expect(drawing.ops.filter((o) => o.op === 'polyline')).toHaveLength(4);
    const unit = await json<GraphData>(await srv.api(`/api/lifecycle/units/${unitId}/graph`));
    expect(unit.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([a, b, c]));
    expect(drawGraph(unit).ops.filter((o) => o.op === 'polyline').length).toBeGreaterThanOrEqual(4);
  });
});

describe('monitoring and evaluation', () => {
  it('refuses a record for an SOP that is not approved, and people outside the unit', async () => {
    const draft = await newSop('Draf');
    const res = await srv.api(`/api/sops/${draft}/monitoring`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect((await json<ErrorBody>(res)).error.code).toBe('not_approved');
    expect(await json(await srv.api(`/api/sops/${draft}/monitoring`))).toEqual([]);
    const approved = await newSop('Disahkan');
    await approve(approved);
    // The outsider gets read access but is no unit member.
    await srv.api(`/api/sops/${approved}/members/${outsider.id}`, {
      method: 'PUT',
      json: { role: 'editor' },
    });
    const out = await srv.api(`/api/sops/${approved}/monitoring`, {
      method: 'POST',
      as: outsider,
    });
    expect(out.status).toBe(403);
    expect((await json<ErrorBody>(out)).error.code).toBe('not_unit_member');
  });

  it('a full cycle: schedule, monitoring filled by two members, evaluation → revision', async () => {
    const id = await newSop('SOP Pemantauan');
    await approve(id);
    const sched = await json<{ monitoringDue: string; effectiveDate: string }>(
      await srv.api(`/api/sops/${id}/schedule`),
    );
    expect(sched.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [y, m] = sched.effectiveDate.split('-').map(Number) as [number, number];
    const dueMonth = ((m - 1 + 6) % 12) + 1;
    expect(sched.monitoringDue.slice(0, 7)).toBe(
      `${y + (m + 6 > 12 ? 1 : 0)}-${String(dueMonth).padStart(2, '0')}`,
    );
    const rec = await json<MonitoringRecord>(
      await srv.api(`/api/sops/${id}/monitoring`, { method: 'POST', as: member }),
    );
    expect(rec.steps.length).toBeGreaterThan(2);
    const again = await srv.api(`/api/sops/${id}/monitoring`, { method: 'POST' });
    expect(again.status).toBe(409);
    const [s1, s2] = rec.steps;
    const put = (as: TestUser, stepId: string, body: unknown) =>
      srv.api(`/api/sops/${id}/monitoring/${rec.id}/entries/${stepId}`, {
        method: 'PUT',
        as,
        json: body,
      });
    expect((await put(member, s1!.stepId, { assessment: 'good', note: 'lancar' })).status).toBe(
      200,
    );
    expect(
      (await put(srv.admin, s2!.stepId, { assessment: 'poor', note: 'lambat', action: 'latih' }))
        .status,
    ).toBe(200);
    const badEntry = await put(member, s1!.stepId, { assessment: 'maybe' });
    expect(badEntry.status).toBe(422);
    const incomplete = await srv.api(`/api/sops/${id}/monitoring/${rec.id}/close`, {
      method: 'POST',
    });
    expect(incomplete.status).toBe(422);
    expect((await json<ErrorBody>(incomplete)).error.code).toBe('monitoring_incomplete');
    for (const s of rec.steps.slice(2))
      expect((await put(member, s.stepId, { assessment: 'good' })).status).toBe(200);
    const closed = await json<MonitoringRecord>(
      await srv.api(`/api/sops/${id}/monitoring/${rec.id}/close`, { method: 'POST' }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.entries[s1!.stepId]?.checkedBy?.name).toBe('Siti Arsiparis');
    expect(closed.entries[s2!.stepId]?.action).toBe('latih');
    expect((await put(member, s1!.stepId, { assessment: 'poor' })).status).toBe(409);
    const listed = await json<MonitoringRecord[]>(await srv.api(`/api/sops/${id}/monitoring`));
    expect(listed.map((r) => r.status)).toEqual(['closed']);
    // Printed in the regulation's form, filled (PDF).
    const pdfRes = await srv.api(`/api/sops/${id}/monitoring/${rec.id}/form.pdf`);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = inspectPdf(Buffer.from(await pdfRes.arrayBuffer()));
    expect(norm(pdf.text)).toContain('FORMULIR MONITORING PELAKSANAAN SOP');
    expect(norm(pdf.text)).toContain('lambat');
    expect(norm(pdf.text)).toMatch(/Siti Arsi ?paris/);
    expect((await srv.api(`/api/sops/${id}/monitoring/nope/form.pdf`)).status).toBe(404);

    // Evaluation: every criterion, only approvers revoke, "revise" opens a revision.
    const missing = await srv.api(`/api/sops/${id}/evaluations`, {
      json: { criteria: { performance: { met: true } }, recommendation: 'keep' },
    });
    expect(missing.status).toBe(422);
    expect((await json<ErrorBody>(missing)).error.code).toBe('criteria_missing');
    const revoke = await srv.api(`/api/sops/${id}/evaluations`, {
      as: member,
      json: { criteria: allYes(false), recommendation: 'revoke' },
    });
    expect(revoke.status).toBe(403);
    expect(await json(await srv.api(`/api/sops/${id}/evaluations`))).toEqual([]);
    const crit = { ...allYes(), roles: { met: false, comment: 'peran belum jelas' } };
    const ev = await srv.api(`/api/sops/${id}/evaluations`, {
      as: member,
      json: { criteria: crit, notes: 'perlu revisi', recommendation: 'revise' },
    });
    expect(ev.status, await ev.clone().text()).toBe(201);
    const evaluation = await json<EvaluationRecord>(ev);
    expect(evaluation.score).toBe(6);
    expect(evaluation.revisionStartedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sop = await json<{ meta: { status: string } }>(await srv.api(`/api/sops/${id}`));
    expect(sop.meta.status).toBe('draft');
    const evs = await json<EvaluationRecord[]>(await srv.api(`/api/sops/${id}/evaluations`));
    expect(evs.map((e) => e.id)).toEqual([evaluation.id]);
    const evPdf = inspectPdf(
      Buffer.from(
        await (
          await srv.api(`/api/sops/${id}/evaluations/${evaluation.id}/form.pdf`)
        ).arrayBuffer(),
      ),
    );
    expect(norm(evPdf.text)).toContain('peran belum jelas');
    expect(norm(evPdf.text)).toContain('(Direvisi)');
  });
});

describe('read acknowledgement', () => {
  it('members confirm once; the owner sees who has not; a new version asks again', async () => {
    const id = await newSop('SOP Dibaca');
    const early = await srv.api(`/api/sops/${id}/acknowledgements`, {
      method: 'POST',
      as: member,
    });
    expect(early.status).toBe(409);
    await approve(id);
    const first = await json<{ already: boolean }>(
      await srv.api(`/api/sops/${id}/acknowledgements`, { method: 'POST', as: member }),
    );
    expect(first.already).toBe(false);
    const twice = await json<{ already: boolean }>(
      await srv.api(`/api/sops/${id}/acknowledgements`, { method: 'POST', as: member }),
    );
    expect(twice.already).toBe(true);
    const view = await json<{ readers: Array<{ userId: string; at: string | null }> }>(
      await srv.api(`/api/sops/${id}/acknowledgements`),
    );
    expect(view.readers.find((r) => r.userId === member.id)?.at).toBeTruthy();
    expect(view.readers.find((r) => r.userId === srv.admin.id)?.at).toBeNull();
    // The admin sees "unread" in the attention list.
    const att = await json<{ items: AttentionItem[] }>(await srv.api('/api/attention'));
    expect(att.items.some((i) => i.kind === 'unread' && i.sopId === id)).toBe(true);
    // A new version asks again.
    expect((await srv.api(`/api/sops/${id}/revision`, { method: 'POST' })).status).toBe(200);
    await approve(id);
    const after = await json<{ readers: Array<{ userId: string; at: string | null }> }>(
      await srv.api(`/api/sops/${id}/acknowledgements`),
    );
    expect(after.readers.find((r) => r.userId === member.id)?.at).toBeNull();
    const outsiderAck = await srv.api(`/api/sops/${id}/acknowledgements`, {
      method: 'POST',
      as: outsider,
    });
    expect([403, 404]).toContain(outsiderAck.status);
  });
});

describe('due dates and reminders', () => {
  it('an overdue monitoring is listed per person and per unit and notified once', async () => {
    const id = await newSop('SOP Jatuh Tempo');
    await approve(id);
    // Only an owner or approver moves the dates; a bad date is refused.
    const refused = await srv.api(`/api/sops/${id}/schedule`, {
      method: 'PUT',
      as: member,
      json: { monitoringDue: '2020-01-01' },
    });
    expect(refused.status).toBe(403);
    const bad = await srv.api(`/api/sops/${id}/schedule`, {
      method: 'PUT',
      json: { monitoringDue: '2020-02-30' },
    });
    expect(bad.status).toBe(422);
    const set = await srv.api(`/api/sops/${id}/schedule`, {
      method: 'PUT',
      json: { monitoringDue: '2020-01-01' },
    });
    expect((await json<{ monitoringDue: string }>(set)).monitoringDue).toBe('2020-01-01');
    const unitItems = async () =>
      (
        await json<{ items: AttentionItem[] }>(
          await srv.api(`/api/attention?unit=${unitId}`, { as: member }),
        )
      ).items;
    await expect
      .poll(
        async () =>
          (await unitItems()).find((i) => i.sopId === id && i.kind === 'monitoring-overdue')?.date,
      )
      .toBe('2020-01-01');
    const outsiderUnit = await srv.api(`/api/attention?unit=${unitId}`, { as: outsider });
    expect(outsiderUnit.status).toBe(403);
    const mine = await json<{ items: AttentionItem[] }>(
      await srv.api('/api/attention', { as: member }),
    );
    expect(mine.items.some((i) => i.sopId === id && i.kind === 'monitoring-overdue')).toBe(true);
    // The sweep started by that request notifies the unit's members, once.
    const dueNotes = async () =>
      (
        await json<{ items: Array<{ kind: string; sopId: string }> }>(
          await srv.api('/api/notifications', { as: member }),
        )
      ).items.filter((n) => n.kind === 'lifecycle.monitoring_due' && n.sopId === id).length;
    await expect.poll(dueNotes).toBe(1);
    await srv.api('/api/attention', { as: member });
    await srv.api('/api/attention', { as: member });
    await expect.poll(dueNotes).toBe(1);
  });
});
