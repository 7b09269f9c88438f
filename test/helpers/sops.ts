/**
 * Shortcuts for integration tests that only need access, not a particular role: since
 * issue 11 a socket needs a session or token and a document exists only once created
 * through REST (any other id is closed with 4404), so tests create an SOP as the
 * administrator and connect with the administrator's token. A content document only
 * takes changes the SOP model can read (`server/rooms/docSchema.ts`), so tests write
 * SOP fields, not roots of their own.
 */
import type { ClientOptions } from 'ws';
import type * as Y from 'yjs';
import { SopDoc } from '../../shared/model/index.js';
import { type ListBox, root } from '../../shared/model/layout.js';
import { connectClient, openRaw, type RawSocket, type TestClient } from './collab.js';

/** A server a test can reach: REST as the admin (`api`), sockets with the admin's token. */
export interface Reachable {
  wsUrl: string;
  admin: { token: string };
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** Creates an SOP as the administrator (201 expected) and returns its id. */
export async function newSop(
  srv: Pick<Reachable, 'api'>,
  name = 'SOP uji',
  template: 'sop-ap' | 'international' | 'sample' = 'sop-ap',
): Promise<string> {
  const res = await srv.api('/api/sops', { json: { template, name } });
  if (res.status !== 201)
    throw new Error(`creating an SOP failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A stock `WebsocketProvider` signed in with the administrator's token. */
export function adminClient(
  srv: Pick<Reachable, 'wsUrl' | 'admin'>,
  docId: string,
  params: Record<string, string> = {},
): TestClient {
  return connectClient(srv.wsUrl, docId, { params: { ...params, token: srv.admin.token } });
}

/** A raw socket to `docId` with the administrator's token (plus `query`, e.g. `features=stored`). */
export function adminRaw(
  srv: Pick<Reachable, 'wsUrl' | 'admin'>,
  docId: string,
  query = '',
  options: ClientOptions = {},
): RawSocket {
  const q = new URLSearchParams(query);
  q.set('token', srv.admin.token);
  return openRaw(`${srv.wsUrl}/${docId}?${q.toString()}`, options);
}

/**
 * A plain-text SOP field that a new `sop-ap` SOP leaves empty (default *Instansi*,
 * `identity.agency`): where tests type characters.
 */
export function freeText(doc: Y.Doc, field: 'agency' | 'unit' | 'number' = 'agency'): Y.Text {
  return root.identityText(doc, field);
}

/** Appends an item to one of the SOP's list boxes (default *Peralatan*); returns its id. */
export function addListItem(doc: Y.Doc, text: string, box: ListBox = 'equipment'): string {
  const sop = new SopDoc(doc);
  try {
    return sop.identity.list(box).add(text);
  } finally {
    sop.destroy();
  }
}

/** The texts of a list box, in order. */
export function listTexts(doc: Y.Doc, box: ListBox = 'equipment'): string[] {
  const sop = new SopDoc(doc);
  try {
    return sop.identity
      .list(box)
      .items()
      .map((i) => i.text);
  } finally {
    sop.destroy();
  }
}
