/**
 * The saved badge's bookkeeping (client/src/editor/collab/savedTracker.ts): what the
 * server delivered is read from the applying transaction's state vectors.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SavedTracker } from '../../client/src/editor/collab/savedTracker';

const SERVER = Symbol('server');

/** Applies `update` to `doc` as the provider would, handing the transaction to the tracker. */
function receive(doc: Y.Doc, tracker: SavedTracker, update: Uint8Array): void {
  const onUpdate = (_u: Uint8Array, origin: unknown, _d: Y.Doc, tr: Y.Transaction) => {
    if (origin === SERVER) tracker.onFromServer(tr);
  };
  doc.on('update', onUpdate);
  Y.applyUpdate(doc, update, SERVER);
  doc.off('update', onUpdate);
}

describe('SavedTracker', () => {
  it('counts what the server delivered as saved, and a local change as not yet', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'from the server');
    const client = new Y.Doc();
    const tracker = new SavedTracker();
    tracker.onStored(new Map()); // the server's first report: nothing stored yet
    expect(tracker.isSaved(client)).toBe(true);

    receive(client, tracker, Y.encodeStateAsUpdate(server));
    expect(client.getText('t').toString()).toBe('from the server');
    expect(tracker.isSaved(client)).toBe(true);

    client.getText('t').insert(0, '» ');
    tracker.onLocalChange();
    expect(tracker.isSaved(client)).toBe(false);
    tracker.onStored(Y.decodeStateVector(Y.encodeStateVector(client)));
    expect(tracker.isSaved(client)).toBe(true);
  });

  it('does not count structs it already had, or could not apply yet, as delivered', () => {
    const server = new Y.Doc();
    const text = server.getText('t');
    text.insert(0, 'a');
    const first = Y.encodeStateAsUpdate(server);
    const sv1 = Y.encodeStateVector(server);
    text.insert(1, 'b');
    const second = Y.encodeStateAsUpdate(server, sv1); // depends on the first

    const client = new Y.Doc();
    const tracker = new SavedTracker();
    tracker.onStored(new Map());
    // Without its dependency the second update waits: nothing delivered, nothing local.
    receive(client, tracker, second);
    expect(client.getText('t').toString()).toBe('');
    expect(tracker.isSaved(client)).toBe(true);
    // A local edit: only what the server sent is counted, so not saved.
    client.getText('local').insert(0, 'x');
    tracker.onLocalChange();
    receive(client, tracker, first); // integrates both
    expect(client.getText('t').toString()).toBe('ab');
    expect(tracker.isSaved(client)).toBe(false);
    // Receiving the same again changes nothing.
    receive(client, tracker, first);
    expect(tracker.isSaved(client)).toBe(false);
    tracker.onStored(Y.decodeStateVector(Y.encodeStateVector(client)));
    expect(tracker.isSaved(client)).toBe(true);
  });
});
