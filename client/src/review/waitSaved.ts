/** The part of the editor's CollabSession that tells whether the server stored everything. */
export interface SavedSource {
  getState(): { saved: boolean };
  subscribe(cb: () => void): () => void;
}

/**
 * `waitSaved` for ReviewDeps: resolves as soon as the server has confirmed
 * storing every change this replica holds (immediately when it already has),
 * or after `timeoutMs` — the versions API then still checks with `atLeast`
 * and answers 409 if the server lacks something, so the timeout only bounds
 * the wait, it never lets a stale version through.
 */
export function waitSavedFrom(source: SavedSource, timeoutMs = 10_000): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (source.getState().saved) {
        resolve();
        return;
      }
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = source.subscribe(() => {
        if (source.getState().saved) done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
}
