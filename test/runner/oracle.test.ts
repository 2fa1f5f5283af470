// Gradients checked against an independent oracle: Keras / TensorFlow (Python) computes per-weight
// gradient L2 norms for the same architecture, weights and batch (test/oracle/keras_grads.py), and we
// compare with (a) tfjs in-process `tf.variableGrads` and (b) the CLI's `--json` report on the cpu and
// wasm backends. Fixtures: test/fixtures/oracle/{dense,cnn,lstm}.js.
//
// The Python side needs the venv made by scripts/setup-python-oracle.sh; without it the tests skip with
// that reason. Weights are matched by ORDER (tfjs layer-name counters are per process), shapes checked.
import { test, describe, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CLI, ROOT, runProcess } from './helpers';
import { makeNativeWorkspace, NATIVE_SKIP, nativeTfjsNodeDir } from './nativeLane';

const ORACLE = path.join(ROOT, 'test', 'oracle', 'keras_grads.py');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'oracle');
const VENV = process.env.GRADIENT_LENS_VENV || path.join(os.homedir(), '.cache', 'gradient-lens-venv');
const PYTHON = path.join(VENV, 'bin', 'python');
const MARKER = path.join(VENV, '.gradient-lens-oracle');

const MODELS = ['dense', 'cnn', 'lstm'] as const;
type ModelKind = (typeof MODELS)[number];
const TOLERANCE = 1e-4;

const pythonSkip = fs.existsSync(PYTHON) && fs.existsSync(MARKER)
  ? false
  : `python oracle missing (${VENV}): run scripts/setup-python-oracle.sh`;
const cliSkip = fs.existsSync(CLI) ? false : 'dist/cli.js missing: run `npm run build`';

interface WeightSpec {
  name: string;
  shape: number[];
  values: number[];
}
interface OracleResult {
  loss: number;
  grads: { name: string; norm: number }[];
  tensorflow: string;
  keras: string;
}
interface Fixture {
  createModel(): tf.LayersModel;
  sampleBatch: { xs: unknown; ys: unknown };
}

/** |a − b| / |b| (0 when both are 0). */
function relErr(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-30);
}

const run = (cmd: string, args: string[], input: string | undefined, timeoutMs: number) =>
  runProcess(cmd, args, { input, timeoutMs, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });

/** Fixture weights and batch, read in this process with the repo's tfjs (same seeds → same values). */
const loaded = new Map<ModelKind, { model: tf.LayersModel; weights: WeightSpec[]; batch: Fixture['sampleBatch'] }>();
function load(kind: ModelKind) {
  let entry = loaded.get(kind);
  if (!entry) {
    const fixture = require(path.join(FIXTURES, `${kind}.js`)) as Fixture;
    const model = fixture.createModel();
    const weights = model.trainableWeights.map((w) => ({
      name: w.name,
      shape: w.shape.map((d) => d as number),
      values: Array.from(w.read().dataSync()),
    }));
    entry = { model, weights, batch: fixture.sampleBatch };
    loaded.set(kind, entry);
  }
  return entry;
}

const oracles = new Map<ModelKind, Promise<OracleResult>>();
function oracle(kind: ModelKind): Promise<OracleResult> {
  let result = oracles.get(kind);
  if (!result) {
    const { weights, batch } = load(kind);
    const input = JSON.stringify({ model: kind, weights, xs: batch.xs, ys: batch.ys });
    result = run(PYTHON, [ORACLE], input, 180_000).then(({ code, stdout, stderr }) => {
      assert.equal(code, 0, `keras_grads.py exited ${code}:\n${stderr}`);
      const parsed = JSON.parse(stdout) as OracleResult;
      assert.equal(parsed.grads.length, weights.length);
      return parsed;
    });
    oracles.set(kind, result);
  }
  return result;
}

/** Compares gradient norms by order; reports the largest relative error and asserts the tolerance. */
function compare(t: TestContext, label: string, actual: { name: string; shape: number[]; norm: number }[], actualLoss: number, expected: OracleResult, weights: WeightSpec[]): void {
  assert.equal(actual.length, weights.length, `${label}: ${actual.length} weights, oracle has ${weights.length}`);
  const lossErr = relErr(actualLoss, expected.loss);
  let maxErr = 0;
  let worst = '';
  const rows: string[] = [];
  actual.forEach((a, i) => {
    assert.deepEqual(a.shape, weights[i].shape, `${label}: weight #${i} ${a.name} shape`);
    const e = expected.grads[i].norm;
    assert.ok(Number.isFinite(a.norm), `${label}: ${a.name} gradient norm is ${a.norm}`);
    const err = relErr(a.norm, e);
    rows.push(`${a.name} [${a.shape}] ours ${a.norm.toPrecision(8)} keras ${e.toPrecision(8)} rel ${err.toExponential(2)}`);
    if (err >= maxErr) {
      maxErr = err;
      worst = a.name;
    }
  });
  t.diagnostic(`${label}: max relative error ${maxErr.toExponential(2)} (${worst}); loss ${actualLoss.toPrecision(8)} vs keras ${expected.loss.toPrecision(8)} (rel ${lossErr.toExponential(2)}); TF ${expected.tensorflow}, Keras ${expected.keras}`);
  const detail = rows.join('\n');
  assert.ok(lossErr <= TOLERANCE, `${label}: loss ${actualLoss} vs keras ${expected.loss} (rel ${lossErr})`);
  assert.ok(maxErr <= TOLERANCE, `${label}: max relative error ${maxErr} > ${TOLERANCE}\n${detail}`);
  // Every weight must actually receive gradient, or the comparison is vacuous.
  assert.ok(expected.grads.every((g) => g.norm > 0), `${label}: an oracle gradient is zero\n${detail}`);
}

interface CliWeight {
  name: string;
  shape: number[];
  gradNorm: number;
}
interface CliReport {
  status: string;
  backend?: string;
  layers: { name: string; weights: CliWeight[] }[];
  steps: { step: number; loss: number }[];
  error?: unknown;
}

for (const kind of MODELS) {
  describe(`oracle: ${kind}`, () => {
    test('tfjs in-process gradients match Keras', { skip: pythonSkip, timeout: 240_000 }, async (t) => {
      await tf.setBackend('cpu');
      tf.env().set('PROD', true);
      const { model, weights, batch } = load(kind);
      const expected = await oracle(kind);
      const inner = ((model as unknown as { model?: tf.LayersModel }).model ?? model) as unknown as {
        lossFunctions: ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor)[];
      };
      assert.equal(inner.lossFunctions.length, 1);
      const xs = tf.tensor(batch.xs as number[]);
      const ys = tf.tensor(batch.ys as number[]);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => {
        const pred = model.apply(xs, { training: true }) as tf.Tensor;
        return tf.mean(inner.lossFunctions[0](ys, pred)) as tf.Scalar;
      }, vars);
      const actual = vars.map((v, i) => ({
        name: weights[i].name,
        shape: weights[i].shape,
        norm: Math.sqrt(Array.from(grads[v.name].dataSync()).reduce((s, g) => s + g * g, 0)),
      }));
      const loss = value.dataSync()[0];
      tf.dispose([xs, ys, value, ...Object.values(grads)]);
      compare(t, `${kind} tfjs in-process (cpu)`, actual, loss, expected, weights);
    });

    for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
      const nativeSkip = backend === 'tensorflow' && !nativeTfjsNodeDir() ? NATIVE_SKIP : false;
      test(`CLI --backend ${backend} gradients match Keras`, { skip: pythonSkip || cliSkip || nativeSkip, timeout: 240_000 }, async (t) => {
        const { weights } = load(kind);
        const expected = await oracle(kind);
        // tensorflow: the fixture runs in a workspace of its own whose node_modules holds the native tfjs-node.
        const source = path.join(FIXTURES, `${kind}.js`);
        const fixture = backend === 'tensorflow' ? path.join(makeNativeWorkspace([source])!, `${kind}.js`) : source;
        const { code, stdout, stderr } = await run(process.execPath, [CLI, 'profile', fixture, '--json', '--steps', '0', '--backend', backend], undefined, 180_000);
        assert.equal(code, 0, `CLI exited ${code}:\n${stderr}\n${stdout.slice(0, 2000)}`);
        const report = JSON.parse(stdout) as CliReport;
        assert.equal(report.status, 'done', `CLI report status ${report.status}: ${JSON.stringify(report.error)}`);
        assert.equal(report.backend, backend, `CLI ran on ${report.backend}, asked for ${backend}`);
        const actual = report.layers.flatMap((l) => l.weights).map((w) => ({ name: w.name, shape: w.shape, norm: w.gradNorm }));
        const step0 = report.steps.find((s) => s.step === 0);
        assert.ok(step0, 'the report has a step-0 loss');
        compare(t, `${kind} CLI (${backend})`, actual, step0.loss, expected, weights);
      });
    }
  });
}
