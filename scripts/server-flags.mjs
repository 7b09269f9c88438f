/**
 * The Node flags the server runs with: `npm start` passes them (package.json, held equal to
 * this list by test/unit/server-flags.test.ts), and the benchmark runs the server with them,
 * as `npm start` does.
 *
 * --max-semi-space-size=4 (MB; Node's default is 16): V8's young generation grows to its
 * largest size under a burst of allocation — creating 1,000 SOPs through REST — and at the
 * default size it was never given back: the idle server stayed ~45 MB heavier (RSS 95 →
 * 138 MB) with a live heap of 17 MB. At 4 MB the burst costs less to begin with and the
 * heap shrinks back to within a few MB of the fresh process seconds later (issue 19).
 * Scavenges are more frequent but each is shorter: see the benchmark's (a) and (c) rows.
 *
 * --expose-gc: gives the idle collector (server/idleGc.ts) V8's `gc`. V8 collects the old
 * generation only when allocation pushes it, so a burst's garbage stayed in the idle server
 * (41 MB of heap where a full collection leaves 14; RSS 124 MB, 101 MB after one).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--expose-gc'];
