// End-to-end check through the VS Code UI (code-server + headless Chromium): open the e2e fixture,
// right-click the model file in the Explorer → "Profile gradients", wait for the end-of-line decorations,
// read their text from the DOM (`::after` content of the decoration spans), check the verdicts per line,
// check they are readable (contrast against the editor background) in a light and a dark theme, and save
// screenshots of both.
//
//   node --import tsx test/e2e/profileViaUi.ts [--vsix FILE] [--screenshots DIR] [--timeout S] [--tools DIR]
//        [--keep-tmp] [--verbose]
//
// Without --vsix the extension is loaded from the repository (extensionDevelopmentPath payload; run
// `npm run build` first). With --vsix FILE it is installed into a fresh extensions folder with
// `code-server --install-extension` and code-server starts without any development path: the packaged
// extension, as a user gets it. The workspace is a copy of test/fixtures/workspace-e2e in a temp folder
// (no node_modules above it), so the extension's own TensorFlow.js is what the model file gets.
// Last line: `N passed, N failed`; exit code 0 only without failure. No process is left behind.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type { Page } from 'playwright-core';
import { Checks } from './checks';
import { contrast, readDecorations, selectTheme, waitForDecorations, waitForPanelText, workbenchTheme, type DomDecoration } from './workbenchDom';
import { findTools, defaultTools, processesMatching, repoRoot, Session, sleep, whenWorkbenchRestored } from '../integration/codeServer';

interface Options {
  vsix?: string;
  screenshots: string;
  timeoutS: number;
  tools: string;
  keepTmp: boolean;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const { values } = util.parseArgs({
    args: argv,
    options: {
      vsix: { type: 'string' },
      screenshots: { type: 'string', default: path.join(repoRoot, 'test-output/screenshots') },
      timeout: { type: 'string', default: '300' },
      tools: { type: 'string', default: defaultTools() },
      'keep-tmp': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  return {
    vsix: values.vsix === undefined ? undefined : path.resolve(values.vsix),
    screenshots: path.resolve(values.screenshots),
    timeoutS: Number(values.timeout),
    tools: path.resolve(values.tools),
    keepTmp: values['keep-tmp'],
    verbose: values.verbose,
  };
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg: string) => console.log(`[e2e ${elapsed()}] ${msg}`);

// ---- expectations (test/fixtures/workspace-e2e/model.js) -----------------------------------------
const FIXTURE = path.join(repoRoot, 'test/fixtures/workspace-e2e');
const MODEL = 'model.js';
const LAYER_LINES = [10, 11, 12, 13, 14, 15, 16, 17, 19];
const VANISHING_LINES = [10]; // line 11 is usually vanishing too, but not with every random initialization
const DEAD_LINE = 17;
const HEALTHY_LINE = 19;
const UNDECORATED_LINES = [18]; // concatenate: no weights, no verdict
const MIN_CONTRAST = 3; // WCAG AA for large text / UI components; decorations are hints, not body text
const NUMBER = String.raw`(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|Infinity)`;

// ---- results ---------------------------------------------------------------------------------------
const checks = new Checks();
const check = checks.check;

// ---- the run ---------------------------------------------------------------------------------------
async function run(o: Options, session: Session): Promise<string[]> {
  const mode = o.vsix ? 'vsix' : 'dev';
  const workspace = path.join(session.tmpDir, 'workspace-e2e');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  const settings = {
    'workbench.colorTheme': 'Default Light Modern',
    'editor.minimap.enabled': false,
    'workbench.editor.enablePreview': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'typescript.disableAutomaticTypeAcquisition': true,
    'gradientLens.steps': 5,
  };
  if (o.vsix) {
    const size = fs.statSync(o.vsix).size;
    say(`installing ${path.relative(process.cwd(), o.vsix)} (${(size / 1024 / 1024).toFixed(1)} MB) into a fresh extensions folder`);
  } else if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js missing: run npm run build first');
  }
  await session.start({ workspace, settings, vsix: o.vsix, verbose: o.verbose, log: (m) => say(m) });
  if (o.vsix) {
    const installed = fs.readdirSync(session.extensionsDir).filter((d) => d.startsWith('gradient-lens.gradient-lens'));
    check('the .vsix installs into a fresh extensions folder', installed.length === 1, installed.join(', ') || 'nothing installed');
  }
  say(`code-server on 127.0.0.1:${session.port} (${mode}), opening the workbench`);
  const page = await session.newPage(o.verbose, { width: 1600, height: 900 });
  const payload: [string, string][] = o.vsix ? [] : [['extensionDevelopmentPath', session.remote(repoRoot)]];
  await page.goto(session.url(workspace, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await whenWorkbenchRestored(page);
  check('workbench restored', true);
  const title = await page.title();
  const devHost = /Extension Development Host/.test(title);
  check(o.vsix ? 'runs the installed extension (no development host)' : 'runs the extension from the repository (development host)', devHost === !o.vsix, title);

  // Open the file from the Explorer.
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${MODEL}"]`).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  const opened = await page
    .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'createModel' })
    .first()
    .waitFor({ timeout: 30_000 })
    .then(() => true, () => false);
  check(`${MODEL} opens in the editor from the Explorer`, opened);

  // Right-click it in the Explorer → "Profile gradients".
  const item = page.getByRole('menuitem', { name: 'Profile gradients' });
  let menu = 'explorer';
  let found = false;
  for (let attempt = 0; attempt < 10 && !found; attempt++) {
    // The menu item appears once the extension's contributions are registered; retry until then.
    await row.click({ button: 'right' });
    found = await item.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!found) await page.keyboard.press('Escape');
  }
  if (!found) {
    menu = 'editor';
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ button: 'right', position: { x: 200, y: 40 } });
    found = await item.first().waitFor({ timeout: 5000 }).then(() => true, () => false);
  }
  check('"Profile gradients" is in the Explorer context menu', found && menu === 'explorer', found ? `found in the ${menu} context menu` : 'not in either context menu');
  if (!found) {
    await page.screenshot({ path: path.join(o.screenshots, `e2e-${mode}-no-menu.png`) });
    return [];
  }
  const tProfile = Date.now();
  // A click that lands while the menu is still settling leaves it open and runs nothing (seen in CI):
  // click until the menu closes, and say when it took more than one.
  let clicks = 0;
  for (let closed = false; !closed && clicks < 5; ) {
    clicks++;
    await item.first().click({ timeout: 5000 }).catch(() => undefined);
    closed = await item.first().waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
  }
  if (clicks > 1) say(`the context menu took ${clicks} clicks on "Profile gradients" to close`);

  // Decorations: they stream in with the profiled steps, numbers first; the verdicts (and the status bar's summary of
  // them) come when the profile ends — read them once that summary shows (a read at the first numbers raced it in CI).
  const budget = () => Math.max(10_000, o.timeoutS * 1000 - (Date.now() - t0) - 30_000);
  await page.locator('.statusbar-item', { hasText: /dead|vanishing/ }).first().waitFor({ timeout: budget() }).catch(() => undefined);
  const decorations = await waitForDecorations(page, LAYER_LINES, budget());
  const profileS = (Date.now() - tProfile) / 1000;
  const byLine = new Map(decorations.map((d) => [d.line, d]));
  const shown = decorations.map((d) => `${d.line}: ${d.text}`).join(' | ');
  say(`decorations after ${profileS.toFixed(1)} s: ${shown || 'none'}`);
  const missing = LAYER_LINES.filter((l) => !byLine.has(l));
  check('decorations appear on every layer line after profiling', missing.length === 0, missing.length ? `missing on lines ${missing.join(', ')}` : `${decorations.length} in ${profileS.toFixed(1)} s`);
  if (missing.length) await diagnose(page, session);
  const numberRe = new RegExp(`^∇ ${NUMBER}(?: |$)`);
  const bad = LAYER_LINES.filter((l) => byLine.has(l) && !numberRe.test(byLine.get(l)!.text));
  check('each decoration starts with "∇" and a number', missing.length < LAYER_LINES.length && bad.length === 0, bad.map((l) => `${l}: ${byLine.get(l)!.text}`).join('; '));
  const notVanishing = VANISHING_LINES.filter((l) => !/\bvanishing\b/.test(byLine.get(l)?.text ?? ''));
  check(`first sigmoid layers (lines ${VANISHING_LINES.join(', ')}) are marked vanishing`, notVanishing.length === 0, VANISHING_LINES.map((l) => `${l}: ${byLine.get(l)?.text ?? '—'}`).join('; '));
  check(`ReLU layer with bias -100 (line ${DEAD_LINE}) is marked dead`, /dead ReLU/.test(byLine.get(DEAD_LINE)?.text ?? ''), byLine.get(DEAD_LINE)?.text ?? 'no decoration');
  check(`softmax head (line ${HEALTHY_LINE}) has no verdict`, new RegExp(`^∇ ${NUMBER}$`).test(byLine.get(HEALTHY_LINE)?.text ?? ''), byLine.get(HEALTHY_LINE)?.text ?? 'no decoration');
  const extra = UNDECORATED_LINES.filter((l) => byLine.has(l));
  const outside = decorations.filter((d) => !LAYER_LINES.includes(d.line) && !UNDECORATED_LINES.includes(d.line));
  check('no decoration on other lines (concatenate, non-layer code)', extra.length === 0 && outside.length === 0, [...extra.map((l) => `${l}: ${byLine.get(l)!.text}`), ...outside.map((d) => `${d.line}: ${d.text}`)].join('; '));
  const colors = new Set([byLine.get(VANISHING_LINES[0])?.color, byLine.get(DEAD_LINE)?.color, byLine.get(HEALTHY_LINE)?.color]);
  check('vanishing, dead and healthy decorations have three different colours', colors.size === 3 && !colors.has(undefined), [...colors].join(' / '));

  const status = await page.locator('.statusbar-item', { hasText: /dead/ }).first().textContent({ timeout: 5000 }).catch(() => null);
  check('status bar summarises the findings', !!status && /vanishing/.test(status) && /dead/.test(status), status?.trim() ?? 'no status bar item mentioning "dead"');

  // CodeLens above `tf.model(`: "Profile gradients" and, once profiled, the summary.
  let lens = '';
  for (let i = 0; i < 20; i++) {
    lens = (await page.locator('.editor-group-container.active .codelens-decoration').allTextContents().catch(() => [])).join(' / ');
    if (/dead/.test(lens)) break;
    await sleep(250);
  }
  check('CodeLens shows the profile summary', /Profile gradients/.test(lens) && /vanishing/.test(lens) && /dead/.test(lens), lens || 'no CodeLens');

  // Readability in a light and a dark theme.
  const shots: string[] = [];
  for (const [variant, theme] of [['light', 'Default Light Modern'], ['dark', 'Default Dark Modern']] as const) {
    if ((await workbenchTheme(page)) !== variant) {
      await selectTheme(page, theme).catch((e) => say(`theme picker: ${(e as Error).message.split('\n')[0]}`));
      for (let i = 0; i < 40 && (await workbenchTheme(page)) !== variant; i++) await sleep(250);
    }
    await page.mouse.move(900, 700); // below the last line: no hover, no tooltip
    await sleep(800); // let decorations re-style
    const now = await workbenchTheme(page);
    const { decorations: ds, background } = await readDecorations(page);
    const lows = ds
      .filter((d) => LAYER_LINES.includes(d.line))
      .map((d) => ({ d, c: contrast(d.color, background) }))
      .filter(({ c }) => !(c >= MIN_CONTRAST));
    const samples = [VANISHING_LINES[0], DEAD_LINE, HEALTHY_LINE]
      .map((l) => ds.find((d) => d.line === l))
      .filter((d): d is DomDecoration => !!d)
      .map((d) => `${d.line} ${d.color} ${contrast(d.color, background).toFixed(1)}:1`);
    check(
      `${variant} theme (${theme}): decorations readable (contrast ≥ ${MIN_CONTRAST}:1 on ${background})`,
      now === variant && ds.length >= LAYER_LINES.length && lows.length === 0,
      now !== variant ? `workbench theme is ${now}` : lows.length ? lows.map(({ d, c }) => `line ${d.line} ${d.color} ${c.toFixed(2)}:1`).join('; ') : samples.join('; '),
    );
    fs.mkdirSync(o.screenshots, { recursive: true });
    const file = path.join(o.screenshots, `e2e-${mode}-${variant}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    say(`screenshot ${path.relative(process.cwd(), file)}`);
  }

  // The gradient panel survives a window reload: VS Code restores it through the extension's serializer
  // from the state the webview saved, without profiling again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const palette = page.locator('.quick-input-widget input');
  await palette.waitFor({ state: 'visible', timeout: 10_000 });
  await palette.fill('>Gradient Lens: Show gradient panel');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Show gradient panel' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const before = await waitForPanelText(page, 'dense_Dense1', 30_000);
  await sleep(2000); // the webview saves its state when idle
  // Developer: Reload Window, as a user reloads: the workbench saves its editors (the panel among them) first.
  await page.keyboard.press('F1');
  await palette.fill('>Developer: Reload Window');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Reload Window' }).first().waitFor({ timeout: 10_000 });
  await Promise.all([page.waitForEvent('framenavigated', { timeout: 60_000 }), page.keyboard.press('Enter')]);
  await whenWorkbenchRestored(page);
  const after = await waitForPanelText(page, 'dense_Dense1', 30_000);
  check('the gradient panel survives a window reload (restored by its serializer, with the layers)', before.includes('dense_Dense1') && after.includes('dense_Dense1') && after.includes(MODEL), after ? after.split('\n').filter((l) => l.includes(MODEL) || l.includes('trainable layers')).slice(0, 2).join(' / ') : 'no panel content after the reload');

  // Runner processes started by this extension host: collected now, checked once everything is closed.
  const under = session.serverPgid ? descendants(session.serverPgid) : [];
  const runners = under.filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('runner.js');
    } catch {
      return false;
    }
  });
  say(`${runners.length} runner process(es) alive after profiling (the warm runner): ${runners.join(' ') || '-'}`);
  return [
    ...processesMatching(path.join(session.tmpDir)).map(String),
    ...(session.serverPgid ? descendants(session.serverPgid).map(String) : []),
  ];
}

/** What a failed profile left to see: notifications, open tabs, and the tails of the extension's and the extension host's logs. */
async function diagnose(page: Page, session: Session): Promise<void> {
  const texts = async (selector: string) => (await page.locator(selector).allTextContents().catch(() => [])).map((t) => t.trim()).filter(Boolean);
  say(`notifications: ${(await texts('.notifications-toasts .notification-list-item-message')).join(' | ') || 'none'}`);
  say(`editor tabs: ${(await texts('.tabs-container .tab .label-name')).join(' | ') || 'none'}`);
  const logs: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Gradient Lens.log' || e.name === 'remoteexthost.log' || e.name === 'exthost.log') logs.push(p);
    }
  };
  walk(session.tmpDir);
  for (const log of logs) {
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    say(`${path.relative(session.tmpDir, log)} (last ${Math.min(lines.length, 30)} of ${lines.length} lines):\n    ${lines.slice(-30).join('\n    ')}`);
  }
}

function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      parentOf.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  for (const [pid] of parentOf) {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`profileViaUi: ${(e as Error).message}`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  say(o.vsix ? `packaged extension ${path.relative(process.cwd(), o.vsix)}` : 'extension from the repository (extensionDevelopmentPath)');
  let session: Session | undefined;
  let watched: number[] = [];
  const stop = async (why: string) => {
    say(why);
    await session?.close(o.keepTmp);
    console.log(checks.summary(1));
    process.exit(130);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => void stop(`received ${sig}, stopping`));
  const timer = setTimeout(() => void stop(`timed out after ${o.timeoutS} s`), o.timeoutS * 1000);
  try {
    session = new Session(findTools(o.tools));
    if (o.keepTmp) say(`temp folder ${session.tmpDir}`);
    watched = (await run(o, session)).map(Number);
  } catch (e) {
    check('end-to-end run completed', false, (e as Error).stack ?? String(e));
    if (session) {
      console.log('--- code-server log (tail) ---');
      console.log(session.serverLogTail());
      console.log('--- browser console (tail) ---');
      console.log(session.pageLog.slice(-30).join('\n'));
      console.log('---');
    }
  } finally {
    clearTimeout(timer);
  }
  const left = session ? await session.close(o.keepTmp) : [];
  for (let i = 0; i < 30 && watched.some(alive); i++) await sleep(100);
  const leftOver = [...left, ...watched.filter(alive).map((p) => `pid ${p} (${fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)})`)];
  check('no process left behind (code-server, extension host, runners, Chromium)', leftOver.length === 0, leftOver.length ? leftOver.join('; ') : `${new Set(watched).size} processes under code-server watched, all gone`);
  say(`done in ${elapsed()}`);
  console.log(checks.summary());
  return checks.failed === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
