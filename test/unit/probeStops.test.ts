// A check after the profiled steps that stopped before it decided (core/probeStops.ts, runner/probePace.ts): it travels
// as a protocol message, lands in the report, and every view says it was not made — no "gradients look healthy".
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeRunnerMessage, encodeMessage, type ProbeStop } from '../../src/core/protocol';
import { applyMessage, emptyReport } from '../../src/core/report';
import { probeStopsSummary, probeStopText } from '../../src/core/probeStops';
import { reportMarkdown, statusSummary } from '../../src/core/presentation';
import { renderReport } from '../../src/cli/profile';
import { runSarif } from '../../src/cli/sarif';
import { chargedClock, PACE_MIN_SHARE, paceGuard } from '../../src/runner/probePace';

const initStop: ProbeStop = { probe: 'init', reason: 'budget', limitMs: 15_000, spentMs: 15_400, steps: 12, plannedSteps: 80, check: 'whether N(0, 1) weights cost training' };

test('the stop message round-trips the protocol and lands in the report', () => {
  const message = decodeRunnerMessage(encodeMessage({ type: 'probeStop', ...initStop }));
  const report = applyMessage(emptyReport('/m.js'), message);
  assert.deepEqual(report.probeStops, [initStop]);
  assert.throws(() => decodeRunnerMessage(encodeMessage({ type: 'probeStop', ...initStop, reason: 'tired' } as never)));
});

test('its text names the check, how far it got, what is not judged and the next step', () => {
  assert.equal(
    probeStopText(initStop, 'wasm'),
    'The initialisation probe stopped at its 15 s compute budget after 12 of 80 steps: whether N(0, 1) weights cost training was not checked. The budget is CPU time (the wasm backend computes on one thread), so a busy machine does not shorten it: this model is costly at this batch size on this backend — profile fewer rows (--batch) or use a faster backend (--backend tensorflow).',
  );
  assert.match(probeStopText({ ...initStop, reason: 'not started', spentMs: 96_000 }, 'cpu'), /^The initialisation probe did not run: it would need ~96 s of computation, over its 15 s budget: whether/);
  assert.equal(
    probeStopText({ probe: 'run', reason: 'run limit', limitMs: 120_000, spentMs: 120_000, check: 'Label probe: 20 steps on fresh batches' }, 'wasm'),
    "The checks after the profiled steps did not finish within the run's 120 s limit (running: Label probe: 20 steps on fresh batches): what that check would have found is not judged. Raise the timeout (--timeout / gradientLens.timeoutSeconds), or profile fewer rows (--batch).",
  );
  assert.equal(probeStopsSummary([initStop, { ...initStop, probe: 'horizon' }]), '2 checks not made (the initialisation probe, the learning-rate probe on fresh batches)');
  assert.equal(probeStopsSummary([]), undefined);
});

test('the budget sentence is true for the backend that ran it: CPU time on one thread, the wall clock on tfjs-node\'s threads', () => {
  // wasm and cpu compute on one thread: CPU time ≤ wall time, so min(CPU, wall) is the CPU time, which load does not shorten.
  for (const backend of ['wasm', 'cpu']) assert.match(probeStopText(initStop, backend), /The budget is CPU time \(the \w+ backend computes on one thread\), so a busy machine does not shorten it/);
  // tfjs-node's threads: CPU time outruns the wall clock, so the wall clock is charged and other work shortens it —
  // and "use a faster backend (--backend tensorflow)" would be no advice on it.
  const node = probeStopText(initStop, 'tensorflow');
  assert.match(node, /the tensorflow backend computes on several threads, so on a free machine the wall clock is charged and other work on the machine shortens it/);
  assert.doesNotMatch(node, /does not shorten it|--backend tensorflow/);
  // Not known (the log line has no report): only what holds on every backend.
  const unknown = probeStopText(initStop, undefined);
  assert.match(unknown, /The budget is the smaller of CPU and wall-clock time: /);
  assert.doesNotMatch(unknown, /does not shorten it/);
});

test('a plan preview that ran fewer steps than profiled says so, and is not counted as a check not made', () => {
  const shortened: ProbeStop = { probe: 'plan', reason: 'shortened', limitMs: 15_000, spentMs: 15_000, steps: 40, plannedSteps: 80, check: "whether the script's planned steps leave the loss's plateau" };
  assert.match(probeStopText(shortened, 'wasm'), /^The plan preview ran 40 of the 80 steps it wanted, its cap for a model of this size \(a fixed amount of computation, so that the verdict does not depend on how busy the machine is\): whether the script's planned steps leave the loss's plateau was judged more coarsely \(each step stands for more of the plan\)\.$/);
  assert.equal(probeStopsSummary([shortened]), undefined, 'it decided');
  const report = emptyReport('/m.js');
  Object.assign(report, { status: 'done', backend: 'wasm', modelName: 'm', loss: 'mse', optimizer: 'SGD', dataNote: 'fit()', batchSize: 8 });
  applyMessage(report, { type: 'probeStop', ...shortened });
  assert.equal(statusSummary(report), '$(pulse) healthy');
  assert.match(renderReport(report), /No findings: gradients look healthy\.\n\nChecked on fewer steps:\n {2}The plan preview ran 40 of the 80 steps/);
  assert.match(reportMarkdown(report, (c) => c), /## Checked on fewer steps\n\n- The plan preview ran 40/);
});

test('CLI text, Markdown report, status bar and SARIF say the check was not made instead of "healthy"', () => {
  const report = emptyReport('/m.js');
  Object.assign(report, { status: 'done', modelName: 'm', loss: 'mse', optimizer: 'SGD', dataNote: 'fit()', batchSize: 8 });
  const clean = renderReport(report);
  assert.match(clean, /No findings: gradients look healthy\./);
  applyMessage(report, { type: 'probeStop', ...initStop });
  const text = renderReport(report);
  assert.doesNotMatch(text, /gradients look healthy/);
  assert.match(text, /No findings on the checks made: 1 check not made \(the initialisation probe\)\.\n\nNot checked:\n {2}The initialisation probe stopped at its 15 s compute budget after 12 of 80 steps/);
  assert.match(reportMarkdown(report, (c) => c), /## Not checked\n\n- The initialisation probe stopped/);
  assert.equal(statusSummary(report), '$(pulse) healthy · 1 not checked');
  const sarif = runSarif({ ...report, partial: false }, false);
  const notes = sarif.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
  assert.deepEqual(notes.map((n) => [n.level, n.descriptor?.id]), [['note', 'probe-stopped/init']]);
  assert.equal(notes[0].message.text, probeStopText(initStop, undefined));
  assert.equal(sarif.runs[0].invocations?.[0].executionSuccessful, true, 'a stopped check is not a failed run');
});

test('the pace guard stops a run once its pace projects it past the deadline, on the clock it is given', () => {
  let now = 0;
  const guard = paceGuard(40, 200, 1, () => now);
  const stoppedAt = [0, 1, 2, 3, 4].find((step) => {
    now = 10 * step;
    return guard.overdue(step);
  });
  // Steps 1–3 at 10 ms each: 30 ms + 37 more × 10 ms ends past 200 ms.
  assert.equal(stoppedAt, 3);
  assert.deepEqual([guard.outOfTime, guard.step], [true, 3]);
  // Two runs left double the projection: the same pace with room for one run's 40 steps stops as soon as its pace is read
  // (step 4: 30 ms since the first step, past 5 % of 450 ms).
  now = 0;
  const two = paceGuard(40, 450, 2, () => now);
  assert.equal([0, 1, 2, 3, 4].find((step) => ((now = 10 * step), two.overdue(step))), 4);
  now = 0;
  const one = paceGuard(40, 450, 1, () => now);
  assert.equal([...Array(41).keys()].some((step) => ((now = 10 * step), one.overdue(step))), false);
});

test('the pace guard reads no pace from a few milliseconds: a slow start (garbage collection) does not stop a run its budget holds', () => {
  let now = 0;
  // 3,018 steps of ~1.7 ms in a 15 s budget, whose steps 2–9 took 60 ms (7.5 ms a step: projected past 15 s).
  const guard = paceGuard(3018, 15_000, 1, () => now);
  const times = [0, 1, 10, 20, 30, 40, 50, 60, 61, 69];
  assert.equal(times.some((t, step) => ((now = t), guard.overdue(step))), false);
  // From there at its real pace it ends at ~5.2 s: never stopped.
  assert.equal([...Array(3008).keys()].some((i) => ((now = 69 + 1.7 * (i + 1)), guard.overdue(10 + i))), false);
  // The same slow pace kept up for 5 % of the budget (750 ms) is read and stops the run.
  const slow = paceGuard(3018, 15_000, 1, () => now);
  const stoppedAt = [...Array(200).keys()].find((step) => ((now = 7.5 * step), slow.overdue(step)));
  assert.equal(stoppedAt, 101);
  assert.equal(PACE_MIN_SHARE, 0.05);
});

test('the charged clock is the smaller of CPU and wall-clock time: a busy machine (wall ≫ CPU) is charged its CPU time, threads (CPU > wall) the wall clock', () => {
  let [cpu, wall] = [1000, 5000];
  const busy = chargedClock(() => cpu, () => wall);
  [cpu, wall] = [1300, 8000]; // load: 300 ms of work took 3 s
  assert.equal(busy(), 300);
  [cpu, wall] = [0, 0];
  const threads = chargedClock(() => cpu, () => wall);
  [cpu, wall] = [2000, 1000]; // idle, two threads: 2 s of CPU in 1 s
  assert.equal(threads(), 1000);
});
