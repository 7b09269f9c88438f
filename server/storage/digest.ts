/** Checksums of stored snapshots (see `StoredDoc.snapshotDigest`). */
import { createHash } from 'node:crypto';

/** SHA-256 of `bytes`, hex. About 1 GB/s: far cheaper than parsing the same bytes. */
export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
