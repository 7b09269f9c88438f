/**
 * The permission table (shared/access/permissions.ts) as one data-driven test: every
 * role × operation cell, written out here as the policy reads in the README, so a change
 * to the table is a visible change to this table too.
 */
import { describe, expect, it } from 'vitest';
import {
  can,
  maxRole,
  minRole,
  SOP_OPS,
  SOP_ROLES,
  type SopOp,
  type SopRole,
  sopRights,
} from '../../shared/access/permissions.js';

// biome-ignore format: the table reads best as a grid
const EXPECTED: Record<SopOp, Record<SopRole, boolean>> = {
  //          owner  editor commenter viewer
  read:    { owner: true, editor: true,  commenter: true,  viewer: true },
  export:  { owner: true, editor: true,  commenter: true,  viewer: true },
  comment: { owner: true, editor: true,  commenter: true,  viewer: false },
  verdict: { owner: true, editor: true,  commenter: true,  viewer: false },
  edit:    { owner: true, editor: true,  commenter: false, viewer: false },
  review:  { owner: true, editor: true,  commenter: false, viewer: false },
  version: { owner: true, editor: true,  commenter: false, viewer: false },
  manage:  { owner: true, editor: false, commenter: false, viewer: false },
};

describe('permission table', () => {
  for (const op of SOP_OPS)
    for (const role of SOP_ROLES)
      it(`${role} ${EXPECTED[op][role] ? 'may' : 'may not'} ${op}`, () => {
        expect(can(role, op)).toBe(EXPECTED[op][role]);
      });

  it('no role may do nothing', () => {
    for (const op of SOP_OPS) expect(can(null, op)).toBe(false);
  });

  it('orders roles', () => {
    expect(maxRole('viewer', 'editor')).toBe('editor');
    expect(maxRole(null, 'commenter')).toBe('commenter');
    expect(minRole('owner', 'viewer')).toBe('viewer');
    expect(minRole(null, 'owner')).toBe(null);
  });
});

describe('rights on one SOP', () => {
  const cases: Array<{
    role: SopRole | null;
    status: string;
    unitApprover: boolean;
    presenter?: boolean;
    want: Partial<Record<keyof ReturnType<typeof sopRights>, boolean>>;
  }> = [
    {
      role: 'editor',
      status: 'draft',
      unitApprover: false,
      want: { edit: true, approve: false, createLink: false },
    },
    {
      role: 'editor',
      status: 'approved',
      unitApprover: false,
      want: { edit: false, review: false, revise: false, comment: true },
    },
    {
      role: 'owner',
      status: 'approved',
      unitApprover: false,
      want: { edit: false, revise: true, revoke: false, createLink: true },
    },
    {
      role: 'commenter',
      status: 'in_review',
      unitApprover: true,
      want: { edit: false, approve: true, revise: false },
    },
    {
      role: 'commenter',
      status: 'approved',
      unitApprover: true,
      want: { approve: false, revise: true, revoke: true },
    },
    {
      role: 'editor',
      status: 'in_review',
      unitApprover: false,
      presenter: true,
      want: { createLink: true },
    },
    {
      role: 'commenter',
      status: 'in_review',
      unitApprover: false,
      presenter: true,
      want: { createLink: false },
    },
    {
      role: 'viewer',
      status: 'draft',
      unitApprover: false,
      want: { read: true, comment: false, verdict: false },
    },
    { role: null, status: 'draft', unitApprover: false, want: { read: false, edit: false } },
  ];
  for (const c of cases)
    it(`${c.role ?? 'nobody'} on a ${c.status} SOP${c.unitApprover ? ' (unit approver)' : ''}${c.presenter ? ' (presenter)' : ''}`, () => {
      const r = sopRights(c);
      for (const [k, v] of Object.entries(c.want)) expect(r[k as keyof typeof r], k).toBe(v);
    });
});
