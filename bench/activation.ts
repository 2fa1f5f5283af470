// Activation time of the extension inside real VS Code (code-server + headless Chromium): each run opens
// a new window (a fresh extension host) whose smoke-test payload loads bench/activation.suite.js, which
// times `getExtension('gradient-lens.gradient-lens').activate()` (module load + activate()). Prints every
// run, the median and the 30 ms goal.
//
//   node --import tsx bench/activation.ts [--runs N] [--vsix FILE] [--split]
//
// --split  load dist/extension.js first and report load and activate() separately (same total cost)
//
// Without --vsix the extension is the repository's dist/ (run `npm run build` first); with --vsix it is
// installed into a fresh extensions folder. The workspace is an empty folder, so no activation event
// (onLanguage:javascript/typescript) fires before the measurement.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { findTools, repoRoot, Session, sleep } from '../test/integration/codeServer';

const GOAL_MS = 30;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, vsix: { type: 'string' }, verbose: { type: 'boolean', default: false }, split: { type: 'boolean', default: false } } });
if (values.split) process.env.GRADIENT_LENS_BENCH_SPLIT = '1';
const runs = Number(values.runs);
const vsix = values.vsix ? path.resolve(values.vsix) : undefined;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<number> {
  if (!vsix && !fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run npm run build first');
  const session = new Session(findTools(), 'gradient-lens-bench-');
  const stop = () => void session.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const workspace = path.join(session.tmpDir, 'empty-workspace');
    fs.mkdirSync(workspace);
    await session.start({ workspace, vsix, verbose: values.verbose });
    const times: number[] = [];
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await session.newPage(values.verbose);
      let result: { ms: number; loadMs?: number; apiOk: boolean; extensionPath: string } | undefined;
      let exitCode: number | undefined;
      const lines: string[] = [];
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
        lines.push(text);
        const m = /ACTIVATION (\{.*\})/.exec(text);
        if (m) result = JSON.parse(m[1]);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = Number(code)));
      const payload: [string, string][] = [['extensionTestsPath', session.remote(path.join(repoRoot, 'bench/activation.suite.js'))]];
      // The tests path needs a development path too; with --vsix it points at an empty folder, so the
      // installed extension is the one measured.
      const devPath = vsix ? path.join(session.tmpDir, 'no-extension') : repoRoot;
      fs.mkdirSync(devPath, { recursive: true });
      payload.unshift(['extensionDevelopmentPath', session.remote(devPath)]);
      await page.goto(session.url(workspace, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      for (let w = 0; w < 600 && exitCode === undefined; w++) await sleep(100);
      await page.close();
      if (!result || exitCode !== 0) {
        console.log(`run ${i + 1}: failed (exit ${exitCode})\n${lines.slice(-15).join('\n')}`);
        return 1;
      }
      if (!result.apiOk) console.log(`run ${i + 1}: activate() did not return the test API`);
      times.push(result.ms);
      if (result.loadMs !== undefined) loads.push(result.loadMs);
      const split = result.loadMs !== undefined ? ` (load ${result.loadMs.toFixed(1)} + activate ${(result.ms - result.loadMs).toFixed(1)})` : '';
      console.log(`run ${i + 1}: ${result.ms.toFixed(1)} ms${split}${i === 0 ? `  (${path.relative(repoRoot, result.extensionPath) || '.'})` : ''}`);
    }
    const med = median(times);
    console.log(
      `activation (load + activate()) in code-server's extension host, ${runs} fresh hosts${vsix ? ', installed .vsix' : ', repository dist/'}: ` +
        `median ${med.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); goal ${GOAL_MS} ms: ${med <= GOAL_MS ? 'met' : `missed by ${(med - GOAL_MS).toFixed(1)} ms`}`,
    );
    if (loads.length) console.log(`  of which loading dist/extension.js: median ${median(loads).toFixed(1)} ms`);
    return 0;
  } finally {
    await session.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
