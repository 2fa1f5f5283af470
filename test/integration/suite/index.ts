/// <reference types="mocha" />
// Entry point of the integration suite inside the VS Code extension host. VS Code (desktop via
// @vscode/test-electron, or code-server via the payload URL in runInCodeServer.ts) loads this module as
// `extensionTestsPath` and awaits `run()`. It runs mocha over the compiled `*.test.js` files next to it.
//
// Counts are reported as one line `RESULT {"passed":N,"failed":N,"pending":N}` (the console of the
// extension host reaches runInCodeServer through codeAutomationLog), and also written as JSON to the
// file named by GRADIENT_LENS_IT_RESULT_FILE when that is set (the extension host inherits the server's
// environment), so a runner that loses the log still gets them.
//
// Environment (all optional): GRADIENT_LENS_IT_GREP (mocha grep), GRADIENT_LENS_IT_TIMEOUT (ms per test).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.GRADIENT_LENS_IT_TIMEOUT) || 60_000,
  });
  if (process.env.GRADIENT_LENS_IT_GREP) mocha.grep(process.env.GRADIENT_LENS_IT_GREP);

  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise<void>((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [] };
    const finish = (error?: unknown) => {
      if (files.length === 0) {
        result.failed += 1;
        result.failures.push({ title: '(suite)', error: `no *.test.js files in ${dir}` });
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
    } catch (error) {
      finish(error);
    }
  });
}

function report(result: SuiteResult): void {
  const line = `RESULT ${JSON.stringify({ passed: result.passed, failed: result.failed, pending: result.pending })}`;
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
