/// <reference types="mocha" />
// Restricted Mode (the harness's --untrusted run): the extension is enabled in limited mode, and
// profiling executes nothing from the workspace. Skipped (pending) in the trusted run.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeUntrusted, fixture, getApi, runnerProcesses, sleep } from './helpers';

describeUntrusted('untrusted workspace @untrusted', () => {
  it('the workspace is untrusted and the extension still activates (limited support)', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const api = await getApi();
    assert.ok(api && typeof api.profile === 'function');
  });

  it('the API refuses to profile and starts no process', async () => {
    const api = await getApi();
    await assert.rejects(api.profile(fixture('model.js')), /Restricted Mode/);
    assert.deepStrictEqual(api.runnerPids(), []);
    assert.deepStrictEqual(runnerProcesses(), []);
    assert.strictEqual(api.getReport(fixture('model.js')), undefined);
  });

  it('the command explains instead of running', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('gradientLens.profile', fixture('model.js'));
    await sleep(300);
    assert.deepStrictEqual(api.runnerPids(), []);
    assert.deepStrictEqual(runnerProcesses(), []);
    assert.strictEqual(api.getReport(fixture('model.js')), undefined);
  });
});
