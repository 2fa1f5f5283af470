// Runs the same integration suite in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (the project's CI machines cannot: there use runInCodeServer.ts).
//
//   node --import tsx test/integration/runWithTestElectron.ts [--workspace DIR] [--suite PATH] [--untrusted]
//        [--version VERSION]
//
// Needs `npm run build` and `npm run build:tests` first. Prints `N passed, N failed` last (counts from
// the suite's result file) and exits non-zero when anything failed or VS Code could not be run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  let workspace = path.join(repoRoot, 'test/fixtures/workspace-basic');
  let suite = path.join(repoRoot, 'out/test/integration/suite/index.js');
  let untrusted = false;
  let version: string | undefined = process.env.VSCODE_TEST_VERSION;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--workspace') workspace = path.resolve(value());
    else if (a === '--suite') suite = path.resolve(value());
    else if (a === '--untrusted') untrusted = true;
    else if (a === '--version') version = value();
    else if (a === '--screenshots' || a === '--timeout' || a === '--tools' || a === '--grep') value(); // runInCodeServer options
    else throw new Error(`unknown argument ${a}`);
  }
  if (!fs.existsSync(suite)) throw new Error(`${suite} missing: run npm run build:tests first`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-lens-electron-'));
  const userData = path.join(tmp, 'user-data');
  const resultFile = path.join(tmp, 'result.json');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings: Record<string, unknown> = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': untrusted,
  };
  if (untrusted) {
    settings['security.workspace.trust.startupPrompt'] = 'never';
    settings['security.workspace.trust.banner'] = 'never';
  }
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));

  let passed = 0;
  let failed = 0;
  try {
    const launchArgs = [
      workspace,
      `--user-data-dir=${userData}`,
      `--extensions-dir=${path.join(tmp, 'extensions')}`,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--skip-welcome',
      '--skip-release-notes',
    ];
    if (!untrusted) launchArgs.push('--disable-workspace-trust');
    const exitCode = await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs,
      extensionTestsEnv: {
        GRADIENT_LENS_IT_WORKSPACE: workspace,
        GRADIENT_LENS_IT_TRUST: untrusted ? 'untrusted' : 'trusted',
        GRADIENT_LENS_IT_RESULT_FILE: resultFile,
      },
    });
    if (exitCode !== 0) failed = 1;
  } catch (err) {
    console.error(`VS Code test run failed: ${(err as Error).message ?? err}`);
    failed = 1;
  }
  if (fs.existsSync(resultFile)) {
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { passed: number; failed: number };
    passed = r.passed;
    failed = Math.max(failed, r.failed);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
