// A probe run's time budget: the probes that train from the initial weights on fresh batches (runner/horizonProbe.ts,
// labelProbe.ts) stop as soon as their pace says they would end past a deadline, and then judge nothing — a run that
// would try the user's patience is cut, not waited for.

/**
 * `overdue(step)` is true once, at the pace of the steps since the first (which also builds the kernels), this run of
 * `steps` steps and the `runsLeft` − 1 runs like it after it would end past `deadline` (Date.now()); `outOfTime` says it
 * happened.
 */
export function paceGuard(steps: number, deadline: number, runsLeft: number) {
  let afterFirst = 0;
  const state = {
    outOfTime: false,
    overdue(step: number): boolean {
      const now = Date.now();
      if (step === 1) afterFirst = now;
      const pace = step >= 3 ? (now - afterFirst) / (step - 1) : 0;
      if (now > deadline || now + pace * (steps - step + (runsLeft - 1) * steps) > deadline) state.outOfTime = true;
      return state.outOfTime;
    },
  };
  return state;
}
