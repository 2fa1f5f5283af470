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
import * as util from 'util';
import { runTests } from '@vscode/test-electron';
import { baseSettings, repoRoot } from './codeServer';


async function main(): Promise<number> {
  // Same options as runInCodeServer.ts; the code-server-only ones are accepted and ignored.
  const { values } = util.parseArgs({
    args: process.argv.slice(2),
    options: {
      workspace: { type: 'string', default: path.join(repoRoot, 'test/fixtures/workspace-basic') },
      suite: { type: 'string', default: path.join(repoRoot, 'out/test/integration/suite/index.js') },
      untrusted: { type: 'boolean', default: false },
      version: { type: 'string', default: process.env.VSCODE_TEST_VERSION },
      screenshots: { type: 'string' },
      timeout: { type: 'string' },
      tools: { type: 'string' },
      grep: { type: 'string' },
    },
  });
  const workspace = path.resolve(values.workspace);
  const suite = path.resolve(values.suite);
  const untrusted = values.untrusted;
  const version = values.version;
  if (!fs.existsSync(suite)) throw new Error(`${suite} missing: run npm run build:tests first`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-lens-electron-'));
  const userData = path.join(tmp, 'user-data');
  const resultFile = path.join(tmp, 'result.json');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings: Record<string, unknown> = { ...baseSettings, 'security.workspace.trust.enabled': untrusted };
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
