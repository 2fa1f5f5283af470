// Entry point of the integration suite inside the VS Code extension host. VS Code (desktop via
// @vscode/test-electron, or code-server via the payload URL in runInCodeServer.ts) loads this module as
// `extensionTestsPath` and awaits `run()`. It runs mocha over the compiled `*.test.js` files next to it.
//
// Counts are reported as one line `RESULT {"passed":N,"failed":N,"pending":N}` (the console of the
// extension host reaches runInCodeServer through codeAutomationLog), and also written as JSON to the
// file named by GRADIENT_LENS_IT_RESULT_FILE when that is set (the extension host inherits the server's
// environment), so a runner that loses the log still gets them.
//
// Environment (all optional; the runners set them): GRADIENT_LENS_IT_GREP (mocha grep on full titles),
// GRADIENT_LENS_IT_TIMEOUT (ms per test), GRADIENT_LENS_IT_TRUST ('trusted' | 'untrusted'),
// GRADIENT_LENS_IT_WORKSPACE (the folder the runner opened).
//
// Trust: the trusted run (default) runs every test. The untrusted run (runInCodeServer --untrusted:
// workspace trust enabled, folder not trusted, Restricted Mode) runs only tests whose full title contains
// `@untrusted` (put it in a describe title) unless a grep is given; such tests must hold in both runs
// (check `vscode.workspace.isTrusted`, or `this.skip()` where a test means only one of them).
// A run in which no test ran at all counts as one failure.
//
// Retries: a test that fails is run once more (GRADIENT_LENS_IT_RETRIES, default 1) because these tests drive
// a real workbench and child processes on shared 2-core machines, where a first attempt can lose a race the
// product does not (a webview slow to load, a runner slow to start). A retry is never silent: every retried
// test prints `RETRIED <title>: <first error line>` and the RESULT line counts them, so a test that passes only
// on its second attempt stays visible in the closing lines of `npm test`.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  retried: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.GRADIENT_LENS_IT_TIMEOUT) || 60_000,
    retries: Number(process.env.GRADIENT_LENS_IT_RETRIES ?? 1),
  });
  const grep =
    process.env.GRADIENT_LENS_IT_GREP || (process.env.GRADIENT_LENS_IT_TRUST === 'untrusted' ? '@untrusted' : undefined);
  if (grep) mocha.grep(grep);

  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise<void>((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [], retried: [] };
    const finish = (error?: unknown) => {
      if (files.length === 0) {
        result.failed += 1;
        result.failures.push({ title: '(suite)', error: `no *.test.js files in ${dir}` });
      }
      if (files.length > 0 && error === undefined && result.passed + result.failed + result.pending === 0) {
        result.failed += 1;
        result.failures.push({ title: '(suite)', error: `no test ran${grep ? ` (grep: ${grep})` : ''}` });
      }
      if (error !== undefined) {
        result.failed += 1;
        result.failures.push({ title: '(suite)', error: String((error as Error)?.stack ?? error) });
      }
      report(result);
      if (result.failed > 0) reject(new Error(`${result.failed} integration test(s) failed`));
      else resolve();
    };
    try {
      const runner = mocha.run(() => {
        result.passed = runner.stats?.passes ?? 0;
        result.failed = runner.stats?.failures ?? 0;
        result.pending = runner.stats?.pending ?? 0;
        finish();
      });
      runner.on('fail', (test, err) => {
        result.failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_RETRY, (test: Mocha.Test, err: unknown) => {
        const error = String((err as Error)?.message ?? err).split('\n')[0];
        result.retried.push({ title: test.fullTitle(), error });
        console.log(`RETRIED ${test.fullTitle()}: ${error}`);
      });
    } catch (error) {
      finish(error);
    }
  });
}

function report(result: SuiteResult): void {
  const line = `RESULT ${JSON.stringify({ passed: result.passed, failed: result.failed, pending: result.pending, retried: result.retried.length })}`;
  for (const f of result.failures) if (f.title === '(suite)') console.error(`suite error: ${f.error}`);
  console.log(line);
  const file = process.env.GRADIENT_LENS_IT_RESULT_FILE;
  if (file) {
    try {
      fs.writeFileSync(file, JSON.stringify(result, null, 2));
    } catch (error) {
      console.error(`could not write ${file}: ${String(error)}`);
    }
  }
}
