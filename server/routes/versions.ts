/**
 * Versions of an SOP (issues 8 and 16), mounted at /api/sops:
 * - `GET /:id/versions` → `[{id, label, kind, createdAt, createdBy, changes}]`, newest first
 *   (`changes`: what changed since the previous version, see versions/changeSummaries.ts)
 * - `GET /:id/versions/:vid` → `{id, label, kind, createdAt, createdBy, changes, summary, snapshot}`
 * - `POST /:id/versions` `{label, kind, summary?, atLeast?}` → 201 `{id, label, kind, createdAt, createdBy, changes}`
 *   (`createdBy` is the signed-in person; a `createdBy` in the body is ignored)
 * - `GET /:id/compare?from=<versionId|current>&to=<versionId|current>` → the structural
 *   diff (shared/model/diff.ts) `{from, to, summary, steps, actors, identity, narrative}`;
 *   400 `invalid_query`, 404 an unknown version (or another SOP's)
 * - `POST /:id/versions/:vid/restore` (edit rights; 409 `locked` on an approved SOP) →
 *   `{restored, preRestore}`: the content becomes that version's as a new change
 *   (versions/restore.ts), after a `pre-restore` version of the state before is stored
 *
 * POST snapshots the CURRENT server-side state (`getState`): the server, not the
 * client, decides what a version contains. `atLeast` (optional, base64 Yjs state
 * vector) lets a client that just made a change (e.g. approved) make sure the
 * server already has it: when the server's state does not cover it the answer is
 * 409 `not_synced` and nothing is stored; the client retries once its changes
 * are confirmed stored.
 *
 * Errors are JSON `{error: {code, message}}` (this router has its own error
 * handler, so it works on a bare express app too).
 */
import express, { type ErrorRequestHandler, type Request } from 'express';
import * as Y from 'yjs';
import { diffSnapshots, summarizeDiff } from '../../shared/model/diff.js';
import type { SopSnapshot } from '../../shared/model/types.js';
import { isValidDocId } from '../../shared/protocol.js';
import { HttpError } from '../http/errors.js';
import type { VersionRestorer } from '../versions/restore.js';
import { snapshotOfState } from '../versions/snapshotOf.js';
import {
  VERSION_KINDS,
  type VersionKind,
  type VersionMeta,
  type VersionStore,
} from '../versions/versionStore.js';

export interface VersionsRouterDeps {
  versions: VersionStore;
  /** Current Yjs state of the live or stored doc; null when unknown. */
  getState(id: string): Promise<Uint8Array | null>;
  exists(id: string): Promise<boolean>;
  /**
   * Who is asking (the server's word; the body's `createdBy` is then ignored). Absent in
   * tests of the bare router.
   */
  author?(req: express.Request): string | null;
  /** Restores versions (absent: the restore route answers 501). */
  restorer?: VersionRestorer;
  /** Writes the audit log entry of a restore (who, from where: the request). */
  audit?(req: express.Request, action: string, fields: AuditFields): Promise<void>;
}

export interface AuditFields {
  sopId?: string;
  target?: string;
  detail?: Record<string, unknown>;
}

/** The listing fields of a version, as every route answers them. */
function metaView(v: VersionMeta) {
  return {
    id: v.id,
    label: v.label,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    changes: v.changes,
  };
}

const MAX_LABEL = 200;
const MAX_NAME = 200;
const MAX_SUMMARY_CHARS = 256 * 1024;
const VERSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when state vector `have` covers every clock in `need`. */
function covers(have: Map<number, number>, need: Map<number, number>): boolean {
  for (const [client, clock] of need) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

function decodeVector(b64: string): Map<number, number> | null {
  try {
    if (!/^[A-Za-z0-9+/=_-]*$/.test(b64)) return null;
    return Y.decodeStateVector(new Uint8Array(Buffer.from(b64, 'base64')));
  } catch {
    return null;
  }
}

export function createVersionsRouter(deps: VersionsRouterDeps): express.Router {
  const router = express.Router();
  // Own parser: harmless when the app already parsed the body (body-parser skips parsed bodies).
  router.use(express.json({ limit: '1mb' }));

  async function sopId(req: Request): Promise<string> {
    const id = String(req.params.id ?? '');
    if (!isValidDocId(id) || !(await deps.exists(id)))
      throw new ApiError(404, 'not_found', `No SOP with id ${JSON.stringify(id.slice(0, 130))}`);
    return id;
  }

  router.get('/:id/versions', async (req, res) => {
    const id = await sopId(req);
    const list = await deps.versions.list(id);
    res.json(list.map(metaView));
  });

  /** One side of a comparison: a version of this SOP, or its current content. */
  async function side(
    id: string,
    ref: string,
  ): Promise<{ meta: ReturnType<typeof metaView> | { id: 'current' }; snapshot: SopSnapshot }> {
    if (ref === 'current') {
      const state = await deps.getState(id);
      if (!state) throw new ApiError(404, 'not_found', `No SOP with id ${id}`);
      return { meta: { id: 'current' }, snapshot: snapshotOfState(state) };
    }
    const v = await deps.versions.get(id, ref);
    if (!v) throw new ApiError(404, 'not_found', `No version ${JSON.stringify(ref)} of this SOP`);
    return { meta: metaView(v), snapshot: v.snapshot };
  }

  router.get('/:id/compare', async (req, res) => {
    const id = await sopId(req);
    const refs: string[] = [];
    for (const name of ['from', 'to'] as const) {
      const v = req.query[name];
      if (typeof v !== 'string' || (v !== 'current' && !VERSION_ID.test(v)))
        throw new ApiError(
          400,
          'invalid_query',
          `${name} must be a version id or "current" (GET /compare?from=<versionId>&to=<versionId|current>)`,
        );
      refs.push(v);
    }
    const from = await side(id, refs[0] as string);
    const to = await side(id, refs[1] as string);
    const diff = diffSnapshots(from.snapshot, to.snapshot);
    res.json({ from: from.meta, to: to.meta, summary: summarizeDiff(diff), ...diff });
  });

  router.post('/:id/versions/:vid/restore', async (req, res) => {
    const id = await sopId(req);
    const vid = String(req.params.vid ?? '');
    if (!deps.restorer) throw new ApiError(501, 'not_implemented', 'Restore is not available');
    if (!VERSION_ID.test(vid))
      throw new ApiError(404, 'not_found', `No version ${JSON.stringify(vid.slice(0, 70))}`);
    const by = deps.author ? deps.author(req) : null;
    const out = await deps.restorer.restore({ sopId: id, versionId: vid, by });
    await deps.audit?.(req, 'version.restored', {
      sopId: id,
      target: out.restored.id,
      // (the version restored is the target; the state before it is the `pre-restore` version)
      detail: { label: out.restored.label, versionId: out.restored.id },
    });
    res.json({ restored: metaView(out.restored), preRestore: metaView(out.preRestore) });
  });

  router.get('/:id/versions/:vid', async (req, res) => {
    const id = await sopId(req);
    const vid = String(req.params.vid ?? '');
    const v = VERSION_ID.test(vid) ? await deps.versions.get(id, vid) : null;
    if (!v) throw new ApiError(404, 'not_found', `No version ${JSON.stringify(vid.slice(0, 70))}`);
    res.json({ ...metaView(v), summary: v.summary, snapshot: v.snapshot });
  });

  router.post('/:id/versions', async (req, res) => {
    const id = await sopId(req);
    const body: unknown = req.body;
    if (!isObject(body))
      throw new ApiError(
        400,
        'invalid_body',
        'Expected a JSON object {label, kind, createdBy?, summary?}',
      );
    const { label, kind, createdBy, summary, atLeast } = body;
    if (typeof label !== 'string' || !label.trim() || label.length > MAX_LABEL)
      throw new ApiError(
        400,
        'invalid_label',
        `label must be a non-empty string of at most ${MAX_LABEL} characters`,
      );
    if (typeof kind !== 'string' || !(VERSION_KINDS as readonly string[]).includes(kind))
      throw new ApiError(400, 'invalid_kind', `kind must be one of ${VERSION_KINDS.join(', ')}`);
    // With accounts, review and approval versions are taken by the server itself (at the
    // end of a session, at approval): a client can only ask for a named (manual) one.
    if (deps.author && kind !== 'manual')
      throw new ApiError(
        422,
        'invalid_kind',
        'review and approved versions are stored by the server; ask for kind "manual"',
      );
    if (
      createdBy !== undefined &&
      createdBy !== null &&
      (typeof createdBy !== 'string' || createdBy.length > MAX_NAME)
    )
      throw new ApiError(
        400,
        'invalid_created_by',
        `createdBy must be a string of at most ${MAX_NAME} characters`,
      );
    if (
      summary !== undefined &&
      summary !== null &&
      (typeof summary !== 'object' || JSON.stringify(summary).length > MAX_SUMMARY_CHARS)
    )
      throw new ApiError(
        400,
        'invalid_summary',
        'summary must be a JSON object or array of at most 256 KiB',
      );
    let need: Map<number, number> | null = null;
    if (atLeast !== undefined) {
      need = typeof atLeast === 'string' ? decodeVector(atLeast) : null;
      if (!need)
        throw new ApiError(400, 'invalid_at_least', 'atLeast must be a base64 Yjs state vector');
    }

    const state = await deps.getState(id);
    if (!state) throw new ApiError(404, 'not_found', `No SOP with id ${id}`);
    if (need && !covers(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state)), need))
      throw new ApiError(
        409,
        'not_synced',
        'The server does not have your latest changes yet; retry when they are saved',
      );
    // (a schema newer than this server's: the version keeps what this server can read)
    const snapshot = snapshotOfState(state);
    const meta = await deps.versions.add({
      sopId: id,
      label: label.trim(),
      kind: kind as VersionKind,
      createdBy: deps.author
        ? deps.author(req)
        : typeof createdBy === 'string' && createdBy.trim()
          ? createdBy.trim()
          : null,
      state,
      snapshot,
      summary: summary ?? null,
    });
    res
      .status(201)
      .location(`/api/sops/${encodeURIComponent(id)}/versions/${meta.id}`)
      .json(metaView(meta));
  });

  const onError: ErrorRequestHandler = (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError || err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'Malformed JSON body' } });
      return;
    }
    if (e?.type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: { code: 'payload_too_large', message: 'Request body too large' } });
      return;
    }
    // Anything else (e.g. storage failure): the app's error handler logs it and answers 500.
    next(err);
  };
  router.use(onError);
  return router;
}
