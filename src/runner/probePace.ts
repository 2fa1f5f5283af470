// A probe run's budget: the probes that train from the initial weights on fresh batches (runner/horizonProbe.ts,
// initProbe.ts, labelProbe.ts) stop as soon as their pace says they would end past their budget, and then judge nothing
// — and say so (a `probeStop` message: core/probeStops.ts), since a check not made must not read as a check passed.
//
// A probe is charged the smaller of the CPU time this process spent and the wall-clock time since it started. A probe's
// work (its steps on this model, backend and batch size) costs about the same CPU time however many other processes share
// the machine, while its wall-clock time grows with their number — at load ~20 on 2 cores a 15 s wall-clock budget bought
// a tenth of the steps, and the decisions moved with the load (docs/diagnosis.md, the eleventh-blind-set session). On an
// idle machine the wasm and cpu backends compute on one thread and the two clocks agree, so a budget keeps its meaning (a
// user's patience for the work on a free machine); where the work runs on several threads (tfjs-node) CPU time runs
// faster than the wall clock and the wall clock is charged, so no probe stops sooner than under the old wall-clock
// budget. The run's own wall-clock limit stays the user's --timeout (host/client.ts), reported when it ends the run.

/** This process's CPU time, user + system over all its threads, in ms. */
const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/** A probe's clock: the ms charged since it was made. */
export type ProbeClock = () => number;

/** The charged time since the call: min(CPU time, wall-clock time), both monotonic, so the charge is too. */
export function chargedClock(cpu: () => number = cpuMs, wall: () => number = Date.now): ProbeClock {
  const [cpu0, wall0] = [cpu(), wall()];
  return () => Math.min(cpu() - cpu0, wall() - wall0);
}

/**
 * The pace is read only from steps that took at least this share of the deadline together: a few steps of a small model
 * take milliseconds, and one garbage collection among them triples their pace — a projection from them stopped the plan
 * preview after 9 of 3,018 steps, 69 ms into its 15 s budget, and its check was reported as not made (1 run in 3 of the
 * 4-6-6-4 fixture, test/runner/planPreview.test.ts). Waiting for 5 % of the deadline costs a hopeless run at most that
 * much more; the deadline itself still stops any run.
 */
export const PACE_MIN_SHARE = 0.05;

/**
 * `overdue(step)` is true once, at the pace of the steps since the first (which also builds the kernels), this run of
 * `steps` steps and the `runsLeft` − 1 runs like it after it would end past `deadline` (on `clock`); `outOfTime` says it
 * happened and `step` how far the run got.
 */
export function paceGuard(steps: number, deadline: number, runsLeft: number, clock: ProbeClock) {
  let afterFirst = 0;
  const state = {
    outOfTime: false,
    /** The last step the run reached (the one it stopped before, once out of time). */
    step: 0,
    overdue(step: number): boolean {
      const now = clock();
      state.step = step;
      if (step === 1) afterFirst = now;
      const measured = step >= 3 && now - afterFirst >= PACE_MIN_SHARE * deadline;
      const pace = measured ? (now - afterFirst) / (step - 1) : 0;
      if (now > deadline || now + pace * (steps - step + (runsLeft - 1) * steps) > deadline) state.outOfTime = true;
      return state.outOfTime;
    },
  };
  return state;
}

/** A run stopped by its budget: how many of its steps it took. */
export interface OutOfTime {
  outOfTime: true;
  steps: number;
}
export const isOutOfTime = (run: unknown): run is OutOfTime => typeof run === 'object' && run !== null && (run as OutOfTime).outOfTime === true;
