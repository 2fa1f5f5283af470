/// <reference types="mocha" />
// Cancellation: the runner is gone within a second, and 50 rapid profile/cancel cycles leave no
// runner process and no error.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { alive, describeTrusted, fixture, getApi, runnerProcesses, sleep, useFewSteps, waitFor } from './helpers';

describeTrusted('cancel', () => {
  before(() => useFewSteps());

  it('cancel kills a running profile within 1 s and keeps what it measured, marked partial', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    const first = await api.profile(uri);
    assert.strictEqual(first.status, 'done', JSON.stringify(first.error));
    // a long run: thousands of steps
    await useFewSteps(5000);
    let pending: Promise<{ error?: { kind: string }; partial: boolean; steps: unknown[] }>;
    try {
      pending = api.profile(uri);
    } finally {
      await useFewSteps();
    }
    const [pid] = await waitFor(() => (api.runnerPids().length ? api.runnerPids() : undefined), 'a runner pid');
    await sleep(2500);
    const t0 = Date.now();
    await vscode.commands.executeCommand('gradientLens.cancel');
    const report = await pending;
    const elapsed = Date.now() - t0;
    assert.strictEqual(report.error?.kind, 'cancelled');
    assert.ok(elapsed < 1000, `cancel took ${elapsed} ms`);
    assert.ok(!alive(pid), `runner ${pid} still alive`);
    // 2.5 s of a small model's steps were measured: they replace the previous results, marked partial.
    assert.strictEqual(report.partial, true);
    assert.ok(report.steps.length > 1, `${report.steps.length} steps kept`);
    const stored = api.getReport(uri);
    assert.strictEqual(stored?.partial, true, 'the partial results are stored');
    assert.strictEqual(stored?.steps.length, report.steps.length);
  });

  it('50 rapid profile/cancel cycles leave no runner process and no error', async function () {
    this.timeout(120_000);
    const api = await getApi();
    const uri = fixture('model.js');
    const seen = new Set<number>();
    const collect = setInterval(() => api.runnerPids().forEach((p) => seen.add(p)), 2);
    const runs: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        runs.push(api.profile(uri));
        api.runnerPids().forEach((p) => seen.add(p));
        await sleep((i % 5) * 15);
        api.runnerPids().forEach((p) => seen.add(p));
        await vscode.commands.executeCommand('gradientLens.cancel');
      }
      const reports = (await Promise.all(runs)) as { status: string; error?: { kind: string } }[];
      for (const r of reports) assert.ok(r.status === 'done' || r.error?.kind === 'cancelled', `unexpected outcome ${JSON.stringify(r.error)}`);
    } finally {
      clearInterval(collect);
    }
    assert.deepStrictEqual(api.runnerPids(), []);
    assert.ok(seen.size >= 10, `only ${seen.size} runner pids observed`);
    await waitFor(() => [...seen].every((pid) => !alive(pid)), 'every runner to be gone', 1000);
    // The one idle warm runner (gradientLens.keepRunnerWarm) is kept on purpose; nothing else may remain.
    await sleep(300);
    const warm = api.warmRunnerPid();
    assert.deepStrictEqual(runnerProcesses().filter((pid) => pid !== warm), []);
  });

  it('a warm runner (tfjs already loaded) serves the next profile, and only one is kept', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    assert.strictEqual((await api.profile(uri)).status, 'done');
    const warm = await waitFor(() => api.warmRunnerPid(), 'a warm runner');
    assert.ok(alive(warm));
    const pending = api.profile(uri);
    const used = await waitFor(() => (api.runnerPids().length ? api.runnerPids() : undefined), 'the profile to start');
    assert.deepStrictEqual(used, [warm], 'the profile runs in the warm runner');
    const report = await pending;
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const next = await waitFor(() => api.warmRunnerPid(), 'the next warm runner');
    assert.notStrictEqual(next, warm);
    await waitFor(() => !alive(warm), 'the used runner to exit', 2000);
    await sleep(300);
    assert.deepStrictEqual(runnerProcesses(), [next], 'exactly one idle runner is kept');
  });
});
