// The extension in a browser worker, as VS Code for the Web (vscode.dev, github.dev) runs it: code-server's
// workbench with `remote.extensionKind` set to "web" for Gradient Lens, so its `browser` entry
// (dist/web/extension.js, src/extension/web.ts) runs in the web worker extension host instead of `main` in
// the Node one. Asserts, through the UI: inline warnings appear on the model file (the static analyzer runs
// in the worker), the quick fix is offered, and "Profile gradients" explains that it needs Node.js instead of
// starting anything (which also proves the web bundle, not the Node one, is what runs).
//
//   node --import tsx test/e2e/webWorker.ts [--vsix FILE] [--screenshots DIR] [--timeout S] [--verbose]
// Without --vsix the extension is loaded from the repository (run `npm run build` first); with it, the
// packaged extension is installed into a fresh extensions folder. Prints "N passed, N failed" last; exit 0
// only without failures.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { Checks } from './checks';
import { findTools, processesMatching, repoRoot, Session, sleep, whenWorkbenchRestored } from '../integration/codeServer';

const { values } = util.parseArgs({
  options: {
    vsix: { type: 'string' },
    screenshots: { type: 'string', default: 'test-output/screenshots' },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
  },
});
const timeoutS = Number(values.timeout);
const t0 = Date.now();
const say = (m: string) => console.log(`[web ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const checks = new Checks();
const check = checks.check;

/** workspace-e2e/model.js: seven sigmoid Dense layers in a row (lines 10-16) → deep-saturating-stack. */
const FIXTURE = path.join(repoRoot, 'test/fixtures/workspace-e2e');

async function run(session: Session): Promise<void> {
  if (!values.vsix && !fs.existsSync(path.join(repoRoot, 'dist/web/extension.js'))) throw new Error('dist/web/extension.js missing: run npm run build first');
  const workspace = path.join(session.tmpDir, 'workspace-web');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  await session.start({
    workspace,
    settings: {
      'remote.extensionKind': { 'gradient-lens.gradient-lens': ['web'] },
      'workbench.colorTheme': 'Default Light Modern',
      'editor.minimap.enabled': false,
      'workbench.editor.enablePreview': false,
      'typescript.disableAutomaticTypeAcquisition': true,
    },
    vsix: values.vsix && path.resolve(values.vsix),
    verbose: values.verbose,
    log: say,
  });
  const page = await session.newPage(values.verbose, { width: 1600, height: 900 });
  await page.goto(session.url(workspace, values.vsix ? [] : [['extensionDevelopmentPath', session.remote(repoRoot)]]), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await whenWorkbenchRestored(page);

  const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="model.js"]').first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'createModel' }).first().waitFor({ timeout: 30_000 });

  // Inline warnings: the problems counter in the status bar and a squiggle in the editor.
  let warnings = '';
  for (let i = 0; i < 120 && !/[1-9]/.test(warnings); i++) {
    warnings = (await page.locator('.statusbar-item[id="status.problems"]').first().getAttribute('aria-label').catch(() => null)) ?? '';
    if (!/Warnings?: [1-9]|[1-9]\d* Warnings?/i.test(warnings)) warnings = '';
    await sleep(250);
  }
  const squiggles = await page.locator('.editor-group-container.active .squiggly-warning').count();
  check('inline warnings appear on the model file (static analyzer in the web worker)', warnings !== '' && squiggles > 0, `${warnings || 'no warnings in the status bar'}; ${squiggles} squiggle(s)`);

  // The quick fix, from the lightbulb menu (Ctrl+.) with the cursor in the warning's range; retried while
  // the JavaScript language service is still busy with the file.
  const squiggle = page.locator('.editor-group-container.active .squiggly-warning').first();
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: /ReLU/i }).first();
  let fixShown = false;
  for (let attempt = 0; attempt < 5 && !fixShown; attempt++) {
    const box = await squiggle.boundingBox();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    fixShown = await fix.waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!fixShown) await page.keyboard.press('Escape');
  }
  const fixTitle = fixShown ? ((await fix.textContent()) ?? '').trim() : '';
  if (fixShown) await fix.click();
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  const applied = fixShown && (await lines.filter({ hasText: "activation: 'relu', kernelInitializer: 'heNormal'" }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false));
  const sigmoidLeft = (await lines.first().innerText()).split('\n').filter((l) => l.includes("'sigmoid'")).length;
  check('the quick fix for the sigmoid stack is offered and applied (ReLU + He on every stacked line)', applied && sigmoidLeft === 0, fixShown ? `"${fixTitle}"; ${sigmoidLeft} sigmoid line(s) left` : 'no quick fix with "ReLU" in the lightbulb menu');

  // Profile gradients from the command palette: explained, not run.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Gradient Lens: Profile gradients');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Profile gradients' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  // The message as a notification (read in the notification center: toasts may be suppressed) and as the
  // screen-reader announcement VS Code makes for every notification.
  const announced = await page.locator('.monaco-alert', { hasText: 'VS Code for the Web' }).first().waitFor({ state: 'attached', timeout: 15_000 }).then(() => true, () => false);
  await page.keyboard.press('F1');
  await input.fill('>Notifications: Show Notifications');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Show Notifications' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const message = page.locator('.notifications-center .notification-list-item-message', { hasText: 'VS Code for the Web' }).first();
  const listed = await message.waitFor({ timeout: 10_000 }).then(() => true, () => false);
  check('"Profile gradients" explains that it needs Node.js (the web bundle is what runs)', announced && listed, listed ? ((await message.textContent()) ?? '').slice(0, 100) : `announced: ${announced}; not in the notification center`);
  // Only runners of this extension (the repository's build or the installed .vsix under the session's folder):
  // other checkouts on a shared machine may run their own.
  const ownRunner = [session.tmpDir, path.join(repoRoot, 'dist/runner.js')];
  const runners = processesMatching('runner.js').filter((p) => {
    try {
      const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      return ownRunner.some((part) => cmdline.includes(part));
    } catch {
      return false;
    }
  });
  check('no runner process was started', runners.length === 0, runners.join(' ') || 'none');

  fs.mkdirSync(values.screenshots!, { recursive: true });
  const shot = path.join(values.screenshots!, 'e2e-web-worker.png');
  await page.screenshot({ path: shot });
  say(`screenshot ${shot}`);
}

async function main(): Promise<number> {
  const session = new Session(findTools(), 'gradient-lens-web-');
  const timer = setTimeout(() => {
    say(`timed out after ${timeoutS} s`);
    void session.close().then(() => {
      console.log(checks.summary(1));
      process.exit(1);
    });
  }, timeoutS * 1000);
  try {
    await run(session);
  } catch (e) {
    check('web worker run completed', false, (e as Error).stack ?? String(e));

  } finally {
    clearTimeout(timer);
  }
  if (checks.failed) console.log(`--- browser console (tail) ---\n${session.pageLog.slice(-40).join('\n')}\n---`);
  const left = await session.close();
  check('no process left behind', left.length === 0, left.join('; ') || 'code-server and Chromium gone');
  console.log(checks.summary());
  return checks.failed === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
