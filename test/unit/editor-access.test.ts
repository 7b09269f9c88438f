/**
 * Rules (issue 11, rights in the editor): the socket's `access` (101) and
 * `refused` (102) messages are read from their JSON payloads (a malformed access
 * message is ignored, any refusal counts); the editor's rights combine
 * `GET /access` with the socket, where the socket's `canWrite` wins at once (a
 * lowered role makes the editor read-only without waiting for the request) and
 * a change of the message asks the server for the full set again; nothing is
 * editable before anything is known.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import { AccessStore } from '../../client/src/editor/access/accessStore';
import { readAccessMessage, readRefusedMessage } from '../../client/src/lib/accessMessages';
import type { SopAccess } from '../../client/src/lib/workflowApi';
import { sopRights } from '../../shared/access/permissions';
import { type AccessMessage, MessageType } from '../../shared/protocol';

/** The bytes of a Susun message with a varString payload, positioned after the type. */
function decoderFor(type: number, payload: string): decoding.Decoder {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  encoding.writeVarString(enc, payload);
  const dec = decoding.createDecoder(encoding.toUint8Array(enc));
  expect(decoding.readVarUint(dec)).toBe(type);
  return dec;
}

function accessFor(role: 'owner' | 'editor' | 'commenter' | 'viewer', status = 'draft'): SopAccess {
  const { role: r, ...can } = sopRights({ role, status, unitApprover: false });
  return {
    role: r,
    can,
    status: status as SopAccess['status'],
    locked: false,
    unitId: null,
    unitRole: null,
  };
}

/** A stand-in for CollabSession's state (the socket's last access message). */
function fakeSource() {
  let access: AccessMessage | null = null;
  const listeners = new Set<() => void>();
  return {
    getState: () => ({ access }),
    subscribe(cb: () => void) {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
    push(m: AccessMessage) {
      access = m;
      for (const l of listeners) l();
    },
  };
}

describe('access and refused messages', () => {
  it('reads the JSON payloads', () => {
    expect(
      readAccessMessage(
        decoderFor(
          MessageType.access,
          JSON.stringify({ role: 'viewer', canWrite: false, locked: false }),
        ),
      ),
    ).toEqual({ role: 'viewer', canWrite: false, locked: false });
    expect(readAccessMessage(decoderFor(MessageType.access, '{"role":"editor"}'))).toBeNull();
    expect(readAccessMessage(decoderFor(MessageType.access, 'not json'))).toBeNull();
    expect(
      readRefusedMessage(
        decoderFor(
          MessageType.refused,
          JSON.stringify({ reason: 'locked', detail: 'SOP approved' }),
        ),
      ),
    ).toEqual({ reason: 'locked', detail: 'SOP approved' });
    expect(readRefusedMessage(decoderFor(MessageType.refused, '???'))).toEqual({
      reason: 'read-only',
      detail: '',
    });
  });
});

describe('AccessStore', () => {
  it('is read-only until known, then mirrors GET /access; the socket lowers it at once', async () => {
    const mem = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => mem.set(k, v),
    });
    const answers: SopAccess[] = [accessFor('editor'), accessFor('viewer')];
    const load = vi.fn(async () => {
      const a = answers.shift();
      if (!a) throw new Error('no more answers');
      return a;
    });
    const source = fakeSource();
    const store = new AccessStore('sop1', source, load);
    expect(store.getSnapshot()).toMatchObject({ known: false, role: null });
    expect(store.getSnapshot().can.edit).toBe(false);
    await vi.waitFor(() => expect(store.getSnapshot().known).toBe(true));
    expect(store.getSnapshot()).toMatchObject({ role: 'editor' });
    expect(store.getSnapshot().can).toMatchObject({ edit: true, comment: true, review: true });

    // The join message only confirms: no second request.
    source.push({ role: 'editor', canWrite: true, locked: false });
    expect(load).toHaveBeenCalledTimes(1);

    // Role lowered: read-only at once, the full set refetched.
    const changes = vi.fn();
    store.subscribe(changes);
    source.push({ role: 'viewer', canWrite: false, locked: false });
    expect(store.getSnapshot().can.edit).toBe(false);
    expect(store.getSnapshot().role).toBe('viewer');
    expect(changes).toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(store.getSnapshot().can.comment).toBe(false));
    // Approved (locked): no review either, even for an editor.
    source.push({ role: 'editor', canWrite: false, locked: true });
    expect(store.getSnapshot().can).toMatchObject({ edit: false, review: false });
    store.destroy();

    // An offline visit mirrors what the server said last time.
    const offline = new AccessStore('sop1', fakeSource(), async () => {
      throw new Error('offline');
    });
    expect(offline.getSnapshot()).toMatchObject({ known: true, role: 'viewer' });
    expect(offline.getSnapshot().can.edit).toBe(false);
    offline.destroy();
    vi.unstubAllGlobals();
  });
});
