// Records the protocol streams the panel tests replay, from real runs of the CLI on the bundled examples:
//   node --import tsx test/e2e/webview/record.ts      (after npm run build; the LR sweep takes ~1 min)
// profile-deep-sigmoid.json: `gradient-lens profile examples/deep-sigmoid/model.ts --steps 10 --json` (a ProfileReport)
// lr-mnist-cnn.json: {request, document}: `gradient-lens lr examples/mnist-cnn/model.js --json` with the request
// those (default) options make, so the replay can start with the same lrStarted the host would send.
// watch-lr-raise.glrun.jsonl: the run file of `gradient-lens watch test/fixtures/runner/watch/lr-raise.js --every 10`
// (120 steps, the loss diverging from step 61), replayed as the host replays a stored run.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { LrRequest } from '../../../src/core/protocol';
import { repoRoot } from './harness';

const out = path.join(repoRoot, 'test/fixtures/panel');
const cli = (args: string[]) => execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
const status = (fn: () => string) => {
  try {
    return fn();
  } catch (error) {
    // Exit 1 = findings / no suggestion: the document is still complete.
    const e = error as { status?: number; stdout?: string };
    if (e.status === 1 && e.stdout) return e.stdout;
    throw error;
  }
};

fs.mkdirSync(out, { recursive: true });
const profile = status(() => cli(['profile', 'examples/deep-sigmoid/model.ts', '--steps', '10', '--json']));
fs.writeFileSync(path.join(out, 'profile-deep-sigmoid.json'), profile);

const file = path.join(repoRoot, 'examples/mnist-cnn/model.js');
// The CLI's defaults (src/cli/lr.ts usage text).
const request: LrRequest = { file, backend: 'auto', startLr: 1e-7, endLr: 10, steps: 100, mode: 'exp', repeats: 3, seed: 1 };
const document = JSON.parse(status(() => cli(['lr', file, '--json'])));
fs.writeFileSync(path.join(out, 'lr-mnist-cnn.json'), JSON.stringify({ request, document }) + '\n');
const runFile = path.join(out, 'watch-lr-raise.glrun.jsonl');
fs.rmSync(runFile, { force: true });
status(() => cli(['watch', 'test/fixtures/runner/watch/lr-raise.js', '--every', '10', '--run-file', runFile]));
console.log(`recorded ${path.relative(repoRoot, out)}/profile-deep-sigmoid.json, lr-mnist-cnn.json and watch-lr-raise.glrun.jsonl`);
