// No process left behind, bounded memory, and only the environment we mean to give: a grandchild of a
// finished run is ended with the run; a runner whose host was killed while user code spins in a loop ends
// itself (watchdog thread); a model file hoarding tensors (outside the V8 heap) is stopped by the host's
// resident-memory limit with a message naming the limit; the model file sees an allow-listed environment;
// a timeout above Node's timer limit does not fire at once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertGone, CLI, cli, fixture, isAlive, profileFails, profileOk } from './helpers';

const B = (name: string) => fixture('bad', name);
const linuxOnly = process.platform === 'linux' ? false : 'reads /proc';

function pidFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-hygiene-')), 'pid');
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a process the model file started is gone when the profile has finished', async () => {
  const file = pidFile();
  process.env.GRADIENT_LENS_TEST_GRANDCHILD = file;
  try {
    await profileOk(B('finished-with-grandchild.js'));
    await assertGone(Number(fs.readFileSync(file, 'utf8')));
  } finally {
    delete process.env.GRADIENT_LENS_TEST_GRANDCHILD;
  }
});

/** Children of `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('a host killed while user code spins in an endless loop leaves no runner and no grandchild', { skip: linuxOnly }, async () => {
  const file = pidFile();
  // The CLI is a host like the extension: SIGKILL gives it no chance to clean up.
  const host = spawn(process.execPath, [CLI, 'profile', B('spawns-child.js'), '--timeout', '600'], {
    stdio: 'ignore',
    env: { ...process.env, GRADIENT_LENS_TEST_GRANDCHILD: file },
  });
  try {
    const grandchild = await waitFor('the model file to start its child', () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') ? Number(fs.readFileSync(file, 'utf8')) : undefined));
    const [runner] = childrenOf(host.pid!);
    assert.ok(runner, 'the CLI has a runner child');
    host.kill('SIGKILL');
    const started = Date.now();
    await waitFor('the runner to end', () => (isAlive(runner) ? undefined : true), 5000);
    await assertGone(grandchild);
    assert.ok(Date.now() - started < 3000, `the runner ended ${Date.now() - started} ms after its host`);
  } finally {
    host.kill('SIGKILL');
  }
});

test('tensors hoarded outside the V8 heap → out-of-memory naming the limit and how to raise it', { skip: process.platform === 'win32' ? 'no resident-memory limit on Windows' : false }, async () => {
  const { error, ms } = await profileFails(B('tensor-hog.js'), {}, { memoryLimitMb: 700, timeoutMs: 60_000 });
  assert.equal(error.kind, 'out-of-memory');
  assert.match(error.message, /MB of memory \(resident, with the processes it started; limit 700 MB\)/);
  assert.match(error.message, /gradientLens\.memoryLimitMb \/ --memory/);
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

test('out of memory inside a step names the rows and the fewer-rows flag (a quarter of them)', { skip: process.platform === 'win32' ? 'no resident-memory limit on Windows' : false }, async () => {
  const { error } = await profileFails(B('step-memory-hog.js'), { batchSize: 32 }, { memoryLimitMb: 700, timeoutMs: 60_000 });
  assert.equal(error.kind, 'out-of-memory');
  assert.match(error.message, /limit 700 MB\) and was stopped\. Profile fewer rows: --batch 8 \(gradientLens\.batchSize\) — this run's 32 rows a step need about 4× the time and activation memory\. Or raise the limit/);
});

test('the model file sees the allow-listed environment, ours and what was given, not the host\'s secrets', async () => {
  process.env.GL_TEST_NOT_ALLOWED = 'secret';
  process.env.GRADIENT_LENS_TEST_VISIBLE = 'ours';
  try {
    const { messages } = await profileOk(B('env-probe.js'), {}, { env: { GL_TEST_EXTRA: 'given' } });
    const line = messages.find((m) => m.type === 'log' && m.text.startsWith('ENV_PROBE '));
    assert.ok(line && line.type === 'log', 'the probe printed its line');
    assert.deepEqual(JSON.parse(line.text.slice('ENV_PROBE '.length)), { secret: null, ours: 'ours', extra: 'given', path: true, vscode: [] });
  } finally {
    delete process.env.GL_TEST_NOT_ALLOWED;
    delete process.env.GRADIENT_LENS_TEST_VISIBLE;
  }
});

test('a timeout above Node\'s timer limit (2^31-1 ms) does not fire at once', async () => {
  const { report } = await profileOk(B('env-probe.js'), {}, { timeoutMs: 2 ** 31 + 60_000 });
  assert.equal(report.status, 'done');
});

test('CLI: --timeout above the timer limit and a malformed --env are usage errors', async () => {
  const file = B('env-probe.js');
  const tooLong = await cli(['profile', file, '--timeout', '3000000']);
  assert.equal(tooLong.code, 2);
  assert.match(tooLong.stderr, /--timeout must be at most 2147483/);
  const badEnv = await cli(['profile', file, '--env', '1=x']);
  assert.equal(badEnv.code, 2);
  assert.match(badEnv.stderr, /--env takes NAME=VALUE or NAME/);
});
