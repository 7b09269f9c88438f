/**
 * AgencyStore contract (issue 14): the logo, the SOP-number registry and its counters,
 * verification codes — memory, SQLite and PostgreSQL pass the same suite. The counter
 * and the registry are atomic in the database: two store instances on the same database
 * (two processes) never hand out the same value or number.
 */
import { expect, it } from 'vitest';
import type { VerificationRecord } from '../../server/agency/types.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

const rec = (over: Partial<VerificationRecord> = {}): VerificationRecord => ({
  code: 'K7Q29MXD',
  sopId: 's1',
  versionId: 'v1',
  version: 1,
  sopNumber: 'SOP/ARS/2026/001',
  sopName: 'Perlindungan Arsip',
  approverName: 'Dra. Hj. Ani',
  approverTitle: 'Kepala Dinas',
  approverNip: '197001012000031001',
  approvedAt: '2026-11-30T03:00:00.000Z',
  effectiveDate: '2026-12-01',
  sha256: 'ab'.repeat(32),
  ...over,
});

describeStores('AgencyStore contract', backends(), (env) => {
  it('logo: set, replace, read back (bytes and type), delete', async () => {
    const s = (await env.open()).agency;
    expect(await s.getLogo()).toBeNull();
    await s.setLogo({ mime: 'image/png', data: new Uint8Array([1, 2, 3]), updatedAt: 'a' });
    await s.setLogo({ mime: 'image/svg+xml', data: new Uint8Array([4, 5]), updatedAt: 'b' });
    const got = await s.getLogo();
    expect(got?.mime).toBe('image/svg+xml');
    expect([...(got?.data ?? [])]).toEqual([4, 5]);
    expect(got?.updatedAt).toBe('b');
    await s.deleteLogo();
    expect(await s.getLogo()).toBeNull();
  });

  it('counters: per scope, from 1, distinct under concurrency across two connections', async () => {
    const a = (await env.open()).agency;
    const b = env.persistent ? (await env.open()).agency : a;
    expect(await a.nextSeq('X/{seq}')).toBe(1);
    expect(await b.nextSeq('Y/{seq}')).toBe(1);
    const values = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).nextSeq('X/{seq}')),
    );
    expect(new Set(values).size).toBe(20);
    expect(Math.max(...values)).toBe(21);
  });

  it('numbers: one owner each (case and spaces ignored), moved by a new claim, released', async () => {
    const s = (await env.open()).agency;
    expect(await s.claimNumber('s1', 'SOP/A/1')).toBe('ok');
    expect(await s.claimNumber('s2', ' sop/a/1 ')).toBe('taken');
    expect(await s.claimNumber('s1', 'SOP/A/1')).toBe('ok');
    expect(await s.numberOwner('sop/a/1')).toBe('s1');
    // A new number for s1 frees its old one.
    expect(await s.claimNumber('s1', 'SOP/A/2')).toBe('ok');
    expect(await s.numberOwner('SOP/A/1')).toBeNull();
    expect(await s.claimNumber('s2', 'SOP/A/1')).toBe('ok');
    await s.releaseNumber('s2');
    expect(await s.numberOwner('SOP/A/1')).toBeNull();
  });

  it('numbers: concurrent claims of one number from two connections: exactly one wins', async () => {
    const a = (await env.open()).agency;
    const b = env.persistent ? (await env.open()).agency : a;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimNumber(`sop${i}`, 'SOP/RACE/1')),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
  });

  it('verifications: stored once per code and per (SOP, version), listed by version', async () => {
    const s = (await env.open()).agency;
    expect(await s.addVerification(rec())).toBe(true);
    expect(await s.addVerification(rec({ versionId: 'v9', version: 9 }))).toBe(false);
    expect(await s.addVerification(rec({ code: 'AAAAAAAA' }))).toBe(false);
    expect(await s.addVerification(rec({ code: 'BBBBBBBB', versionId: 'v2', version: 2 }))).toBe(
      true,
    );
    expect(await s.getVerification('K7Q29MXD')).toEqual(rec());
    expect(await s.getVerification('ZZZZZZZZ')).toBeNull();
    expect((await s.listVerifications('s1')).map((v) => v.version)).toEqual([1, 2]);
    expect(await s.listVerifications('other')).toEqual([]);
  });
});
