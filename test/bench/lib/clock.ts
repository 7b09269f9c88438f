/**
 * One clock for every process of the benchmark.
 *
 * Why `process.hrtime` and not `Date.now()` or `performance.timeOrigin + performance.now()`:
 * on Linux `process.hrtime` reads CLOCK_MONOTONIC, which is a single system-wide clock shared
 * by all processes on the machine. A timestamp taken in the editor process and one taken in an
 * observer process are therefore directly comparable with no alignment step, and NTP steps or
 * slews cannot move it. `timeOrigin` is sampled from the wall clock once per process, so two
 * processes would disagree by the wall-clock error at their respective start-ups.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
