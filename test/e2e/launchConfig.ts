// F5's "Run the extension" (.vscode/launch.json) as far as it can run without desktop VS Code: its
// preLaunchTask's npm script, then code-server started the way that configuration starts VS Code — its
// --extensionDevelopmentPath as the smoke-test payload, its folder opened — and the extension from this
// checkout must be what runs there: the window is an Extension Development Host, a model file in that folder
// gets the CodeLens, and the walkthrough's example opens with its inline warning. Not covered: the debugger attaching and breakpoints binding (the source maps
// that binding relies on: test/unit/launchConfig.test.ts).
//
//   node --import tsx test/e2e/launchConfig.ts [--tools DIR] [--timeout S] [--verbose]
// Last line: `N passed, N failed`; exit code 0 only without failure. No process is left behind.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { parse } from 'jsonc-parser';
import { Checks } from './checks';
import { defaultTools, findTools, repoRoot, Session, whenWorkbenchRestored } from '../integration/codeServer';

const { values } = util.parseArgs({ options: { tools: { type: 'string', default: defaultTools() }, timeout: { type: 'string', default: '240' }, verbose: { type: 'boolean', default: false } } });
const checks = new Checks();
const { check } = checks;
const say = (msg: string) => console.log(`[launch] ${msg}`);
const CONFIG = 'Run the extension';
const MODEL = 'deep-sigmoid/model.ts';

interface LaunchConfig { name: string; args?: string[]; preLaunchTask?: string }
const readJsonc = <T>(file: string): T => parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as T;
const expand = (value: string) => value.replaceAll('${workspaceFolder}', repoRoot);

async function run(session: Session): Promise<void> {
  const config = readJsonc<{ configurations: LaunchConfig[] }>('.vscode/launch.json').configurations.find((c) => c.name === CONFIG);
  if (!check(`launch.json has "${CONFIG}"`, config !== undefined)) return;
  const task = readJsonc<{ tasks: { label: string; script?: string }[] }>('.vscode/tasks.json').tasks.find((t) => t.label === config!.preLaunchTask);
  if (!check(`its preLaunchTask "${config!.preLaunchTask}" is an npm task`, task?.script !== undefined)) return;
  say(`preLaunchTask: npm run ${task!.script}`);
  const built = spawnSync('npm', ['run', '--silent', task!.script!], { cwd: repoRoot, encoding: 'utf8' });
  if (!check(`npm run ${task!.script} succeeds`, built.status === 0, built.status === 0 ? '' : `${built.stdout}${built.stderr}`.slice(-2000))) return;

  const args = (config!.args ?? []).map(expand);
  const devPath = args.find((a) => a.startsWith('--extensionDevelopmentPath='))?.split('=')[1];
  const folder = args.find((a) => !a.startsWith('--'));
  if (!check('it names a development path and a folder', devPath !== undefined && folder !== undefined, args.join(' '))) return;
  await session.start({ workspace: folder!, settings: { 'workbench.editor.enablePreview': false }, verbose: values.verbose, log: say });
  say(`code-server on 127.0.0.1:${session.port}: ${folder} with the extension from ${devPath}`);
  const page = await session.newPage(values.verbose);
  await page.goto(session.url(folder!, [['extensionDevelopmentPath', session.remote(devPath!)]]), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await whenWorkbenchRestored(page);
  const title = await page.title();
  check('the window is an Extension Development Host', /Extension Development Host/.test(title), title);

  // Quick Open the example, as a developer would after F5.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(MODEL);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'model.ts' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-group-container.active .monaco-editor');
  const lens = await editor.locator('.codelens-decoration', { hasText: 'Profile gradients' }).first().waitFor({ timeout: 60_000 }).then(() => true, () => false);
  check(`${MODEL} shows the "Profile gradients" CodeLens`, lens);

  // The walkthrough's example (six sigmoid layers, copied to the extension's storage): the command runs and
  // the analyzer, a bundle of its own loaded on first use, underlines the stack.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  const command = readJsonc<{ contributes: { commands: { command: string; title: string; category: string }[] } }>('package.json').contributes.commands.find((c) => c.command === 'gradientLens.openExample')!;
  await page.keyboard.type(`${command.category}: ${command.title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: command.title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const example = await page.locator('.tab.active', { hasText: 'model.js' }).first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
  check(`"${command.category}: ${command.title}" opens the example`, example);
  const squiggle = await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
  await page.keyboard.press('Control+Shift+M');
  const problem = await page.locator('.markers-panel .monaco-list-row', { hasText: 'deep-saturating-stack' }).first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
  check('the example gets its inline warning, deep-saturating-stack (the analyzer bundle loads from the development path)', squiggle && problem, `underlined: ${squiggle}, in Problems: ${problem}`);
}

async function main(): Promise<number> {
  let session: Session | undefined;
  const timer = setTimeout(() => {
    check(`finished within ${values.timeout} s`, false);
    void session?.close().then(() => {
      console.log(checks.summary());
      process.exit(1);
    });
  }, Number(values.timeout) * 1000);
  try {
    session = new Session(findTools(values.tools), 'gradient-lens-launch-');
    await run(session);
  } catch (error) {
    check('the launch completed', false, (error as Error).stack ?? String(error));
    if (session) console.log(`--- code-server log (tail) ---\n${session.serverLogTail()}\n--- browser console (tail) ---\n${session.pageLog.slice(-30).join('\n')}`);
  } finally {
    clearTimeout(timer);
  }
  const left = session ? await session.close() : [];
  check('no process left behind (code-server, extension host, Chromium)', left.length === 0, left.join('; '));
  console.log(checks.summary());
  return checks.failed === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
