/**
 * One contract for every AccountsStore (memory, SQLite, PostgreSQL): the same tests.
 */
import { expect, it } from 'vitest';
import type { UserRecord } from '../../server/accounts/types.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

function user(id: string, over: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    kind: 'user',
    email: `${id}@susun.test`,
    nip: null,
    name: `User ${id}`,
    title: '',
    passwordHash: 'hash',
    isAdmin: false,
    isApprover: false,
    approverUnits: [],
    disabled: false,
    linkId: null,
    createdAt: '2026-11-30T00:00:00.000Z',
    ...over,
  };
}

describeStores('AccountsStore contract', backends(), (env) => {
  const make = async () => (await env.open()).accounts;
  it('users: unique email and NIP, lookup by either, updates, guests not listed', async () => {
    const s = await make();
    expect(await s.countUsers()).toBe(0);
    expect(await s.createUser(user('a', { nip: '198703122010011002' }))).toBe('ok');
    expect(await s.createUser(user('b', { email: 'a@susun.test' }))).toBe('email_taken');
    expect(await s.createUser(user('c', { nip: '198703122010011002' }))).toBe('nip_taken');
    expect((await s.findUserByLogin('A@SUSUN.TEST'))?.id).toBe('a');
    expect((await s.findUserByLogin('198703122010011002'))?.id).toBe('a');
    expect(await s.findUserByLogin('nobody')).toBeNull();
    expect(await s.createUser(user('g', { kind: 'guest', email: null, passwordHash: null }))).toBe(
      'ok',
    );
    expect(await s.countUsers()).toBe(1);
    expect((await s.listUsers()).map((u) => u.id)).toEqual(['a']);
    expect(await s.createUser(user('d'))).toBe('ok');
    expect(await s.updateUser('d', { email: 'a@susun.test' })).toBe('email_taken');
    expect(
      await s.updateUser('d', { isApprover: true, approverUnits: ['u1'], title: 'Kasi' }),
    ).toBe('ok');
    expect(await s.getUser('d')).toMatchObject({
      isApprover: true,
      approverUnits: ['u1'],
      title: 'Kasi',
    });
    expect(await s.updateUser('zz', { name: 'x' })).toBe('not_found');
    // Stored records are copies.
    const got = await s.getUser('d');
    if (got) got.approverUnits.push('mutated');
    expect((await s.getUser('d'))?.approverUnits).toEqual(['u1']);
  });

  it('sessions: create, read, slide, delete one, all of a user, expired', async () => {
    const s = await make();
    const base = { createdAt: 't0', ip: '127.0.0.1', userAgent: 'ua' };
    await s.createSession({
      ...base,
      idHash: 'h1',
      userId: 'a',
      expiresAt: '2030',
      absoluteExpiresAt: '2031',
    });
    await s.createSession({
      ...base,
      idHash: 'h2',
      userId: 'a',
      expiresAt: '2030',
      absoluteExpiresAt: '2031',
    });
    await s.createSession({
      ...base,
      idHash: 'h3',
      userId: 'b',
      expiresAt: '2000',
      absoluteExpiresAt: '2031',
    });
    await s.touchSession('h1', '2030-06');
    expect((await s.getSession('h1'))?.expiresAt).toBe('2030-06');
    expect((await s.deleteUserSessions('a', 'h1')).sort()).toEqual(['h2']);
    expect(await s.getSession('h2')).toBeNull();
    expect(await s.deleteExpiredSessions('2026')).toBe(1);
    expect(await s.getSession('h3')).toBeNull();
    await s.deleteSession('h1');
    expect(await s.getSession('h1')).toBeNull();
  });

  it('units, members and chains', async () => {
    const s = await make();
    await s.createUnit({ id: 'u1', name: 'Bidang B', createdAt: 't' });
    await s.createUnit({ id: 'u2', name: 'Bidang A', createdAt: 't' });
    expect((await s.listUnits()).map((u) => u.name)).toEqual(['Bidang A', 'Bidang B']);
    await s.addUnitMember('u1', 'x');
    await s.addUnitMember('u1', 'x');
    await s.addUnitMember('u2', 'x');
    expect(await s.unitsOfUser('x')).toEqual(['u1', 'u2']);
    expect((await s.unitMembers()).get('u1')).toEqual(['x']);
    await s.setChain('u1', ['k1', 'k2']);
    await s.setChain('u1', ['k2', 'k1', 'k3']);
    expect(await s.getChain('u1')).toEqual(['k2', 'k1', 'k3']);
    expect(await s.renameUnit('u1', 'Seksi C')).toBe(true);
    expect(await s.deleteUnit('u1')).toBe(true);
    expect(await s.unitsOfUser('x')).toEqual(['u2']);
    expect(await s.getChain('u1')).toEqual([]);
    await s.removeUnitMember('u2', 'x');
    expect(await s.unitsOfUser('x')).toEqual([]);
  });

  it('SOP access and explicit roles', async () => {
    const s = await make();
    await s.putSopAccess({ sopId: 's1', unitId: 'u1', unitRole: 'editor', createdBy: 'a' });
    await s.putSopAccess({ sopId: 's1', unitId: 'u2', unitRole: 'viewer', createdBy: 'zz' });
    expect(await s.getSopAccess('s1')).toEqual({
      sopId: 's1',
      unitId: 'u2',
      unitRole: 'viewer',
      createdBy: 'a',
    });
    expect(await s.countSopsInUnit('u2')).toBe(1);
    await s.setSopMember('s1', 'a', 'owner');
    await s.setSopMember('s1', 'b', 'viewer');
    await s.setSopMember('s1', 'b', 'commenter');
    expect([...(await s.sopMembers('s1'))].sort()).toEqual([
      ['a', 'owner'],
      ['b', 'commenter'],
    ]);
    expect([...(await s.sopRolesOfUser('b'))]).toEqual([['s1', 'commenter']]);
    expect(await s.removeSopMember('s1', 'b')).toBe(true);
    expect(await s.removeSopMember('s1', 'b')).toBe(false);
    expect((await s.listSopAccess()).map((a) => a.sopId)).toEqual(['s1']);
  });

  it('links, tokens, sign-off rounds, notifications', async () => {
    const s = await make();
    const link = {
      id: 'l1',
      code: 'ABCDEFGHJK',
      sopId: 's1',
      role: 'commenter' as const,
      createdBy: 'a',
      createdAt: '2026-11-30T01:00:00.000Z',
      expiresAt: '2026-11-30T23:59:59.000Z',
      revokedAt: null,
    };
    await s.createLink(link);
    expect(await s.findLinkByCode('ABCDEFGHJK')).toEqual(link);
    expect(await s.revokeLink('l1', 'now')).toBe(true);
    expect(await s.revokeLink('l1', 'again')).toBe(false);
    expect((await s.getLink('l1'))?.revokedAt).toBe('now');
    const tok = {
      id: 't1',
      hash: 'hh',
      userId: 'a',
      name: 'ci',
      sopId: null,
      role: null,
      createdAt: 't',
      expiresAt: null,
      lastUsedAt: null,
    };
    await s.createToken(tok);
    expect(await s.findTokenByHash('hh')).toEqual(tok);
    await s.touchToken('t1', 'later');
    expect((await s.listTokens('a'))[0]?.lastUsedAt).toBe('later');
    expect(await s.deleteToken('t1', 'someone-else')).toBe(false);
    expect(await s.deleteToken('t1', 'a')).toBe(true);
    expect(await s.currentSignoffs('s1')).toEqual({ round: 0, signoffs: [] });
    const so = { sopId: 's1', userId: 'k', note: '', contentHash: 'c', at: 't' };
    await s.addSignoff({ ...so, id: 'x1', round: 1, decision: 'signed' });
    await s.addSignoff({ ...so, id: 'x2', round: 1, decision: 'returned' });
    await s.addSignoff({ ...so, id: 'x3', round: 2, decision: 'signed' });
    const cur = await s.currentSignoffs('s1');
    expect(cur.round).toBe(2);
    expect(cur.signoffs.map((x) => x.id)).toEqual(['x3']);
    for (const id of ['n1', 'n2'])
      await s.addNotification({
        id,
        userId: 'a',
        at: 't',
        kind: 'k',
        sopId: null,
        data: { id },
        readAt: null,
      });
    expect((await s.listNotifications('a', 10)).map((n) => n.id)).toEqual(['n2', 'n1']);
    await s.markRead('a', ['n1'], 'r');
    expect(await s.countUnread('a')).toBe(1);
    await s.markRead('a', null, 'r');
    expect(await s.countUnread('a')).toBe(0);
  });
});
