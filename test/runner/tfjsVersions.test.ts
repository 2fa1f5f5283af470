// Workspaces pinned to tfjs 1.7, 2.8, 3.18 and 4.x (installed from npm at test time, cached): the runner
// never pairs a core with a backend of another version. auto runs the bundled tfjs for every import where
// the workspace's own cannot be served by a fast backend of its version, and the workspace's own where it
// can; --backend cpu runs the workspace's own version. Each profile lands every layer on its line and the
// report says which tfjs ran and why. Both tfjs-node packages installed: not one "already registered" line.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { fixture, lineOf, profileOk, ROOT } from './helpers';
import { installWorkspace, workspaceWith } from './tfjsWorkspaces';
import { makeNativeWorkspace, NATIVE_SKIP, nativeTfjsNodeDir } from './nativeLane';
import type { ProfileReport } from '../../src/core/report';

const CNN = fixture('versions', 'cnn.js');
const MARKERS = ['L:conv', 'L:pool', 'L:flatten', 'L:hidden', 'L:out'];
const UNION_IMPORT = "const tf = require('@tensorflow/tfjs');";
const CORE_LAYERS_IMPORT = "const tf = Object.assign({}, require('@tensorflow/tfjs-core'), require('@tensorflow/tfjs-layers'));";
const NODE_GPU_IMPORT = "const tf = require('@tensorflow/tfjs-node-gpu');";

/** The CNN fixture written into `dir`, importing tfjs with `importLine` (same lines: the import is one line). */
function writeModel(dir: string, importLine = UNION_IMPORT): string {
  const source = fs.readFileSync(CNN, 'utf8');
  assert.ok(source.includes(UNION_IMPORT));
  const file = path.join(dir, 'cnn.js');
  fs.writeFileSync(file, source.replace(UNION_IMPORT, importLine));
  return file;
}

function assertLines(report: ProfileReport, file: string): void {
  assert.deepEqual(
    report.layers.map((l) => [path.basename(l.file ?? ''), l.line]),
    MARKERS.map((m) => [path.basename(file), lineOf(file, m)]),
  );
  const weighted = report.layers.filter((l) => l.weights.length > 0);
  assert.equal(weighted.length, 3);
  assert.ok(weighted.every((l) => Number.isFinite(l.gradNorm) && l.gradNorm > 0), 'finite, non-zero gradients');
}

interface Case {
  name: string;
  deps: Record<string, string>;
  /** The import line of the model file (default: the union package). */
  importLine?: string;
  /** What auto runs: the version and where from. */
  auto: { version: string; source: RegExp; backend: string; reason: RegExp };
  /** The workspace's own version, run by --backend cpu. */
  own: string;
}

const CASES: Case[] = [
  {
    name: 'tfjs 1.7.4 (union package)',
    deps: { '@tensorflow/tfjs': '1.7.4' },
    auto: { version: '4.22.0', source: /^Gradient Lens/, backend: 'wasm', reason: /bundled 4\.22\.0 for every @tensorflow\/\* import: the workspace's @tensorflow\/tfjs 1\.7\.4 has no backend/ },
    own: '1.7.4',
  },
  {
    name: 'tfjs 2.8.6 with tfjs-node 2.8.6 whose addon is not built',
    deps: { '@tensorflow/tfjs': '2.8.6', '@tensorflow/tfjs-node': '2.8.6' },
    auto: { version: '4.22.0', source: /^Gradient Lens/, backend: 'wasm', reason: /@tensorflow\/tfjs-node 2\.8\.6: its addon is not built/ },
    own: '2.8.6',
  },
  {
    name: 'tfjs 3.18.0 with tfjs-backend-wasm 3.18.0 (lacks MaxPoolGrad)',
    deps: { '@tensorflow/tfjs': '3.18.0', '@tensorflow/tfjs-backend-wasm': '3.18.0' },
    auto: { version: '4.22.0', source: /^Gradient Lens/, backend: 'wasm', reason: /tfjs-backend-wasm 3\.18\.0 lacks gradient kernels/ },
    own: '3.18.0',
  },
  {
    name: 'tfjs-core + tfjs-layers 3.18.0 (no union package)',
    deps: { '@tensorflow/tfjs-core': '3.18.0', '@tensorflow/tfjs-layers': '3.18.0', '@tensorflow/tfjs-backend-cpu': '3.18.0' },
    importLine: CORE_LAYERS_IMPORT,
    auto: { version: '4.22.0', source: /^Gradient Lens/, backend: 'wasm', reason: /tfjs-core \+ @tensorflow\/tfjs-layers 3\.18\.0 has no backend/ },
    own: '3.18.0',
  },
  {
    name: 'tfjs 4.10.0 with its own tfjs-backend-wasm 4.10.0',
    deps: { '@tensorflow/tfjs': '4.10.0', '@tensorflow/tfjs-backend-wasm': '4.10.0' },
    auto: { version: '4.10.0', source: /^workspace @tensorflow\/tfjs$/, backend: 'wasm', reason: /^the workspace's @tensorflow\/tfjs 4\.10\.0$/ },
    own: '4.10.0',
  },
];

for (const c of CASES) {
  describe(c.name, () => {
    const installed = installWorkspace(c.deps);
    const skip = installed.skip ?? false;
    const file = () => writeModel(workspaceWith(installed.dir!), c.importLine);

    test(`auto runs tfjs ${c.auto.version} on ${c.auto.backend} and says why`, { skip }, async () => {
      const f = file();
      const { report, messages } = await profileOk(f, { steps: 2 });
      assert.equal(report.tfjsVersion, c.auto.version);
      assert.match(report.tfjsSource ?? '', c.auto.source);
      assert.equal(report.backend, c.auto.backend);
      assert.match(report.tfjsReason ?? '', c.auto.reason);
      assertLines(report, f);
      assert.equal(report.steps.length, 3);
      const noise = messages.filter((m) => m.type === 'log' && /already registered|Hi there|install.*tfjs-node/i.test(m.text));
      assert.deepEqual(noise, [], 'no backend registration noise');
    });

    test(`--backend cpu runs the workspace's own tfjs ${c.own}`, { skip }, async () => {
      const f = file();
      const { report } = await profileOk(f, { steps: 1, backend: 'cpu' });
      assert.equal(report.tfjsVersion, c.own);
      assert.match(report.tfjsSource ?? '', /^workspace /);
      assert.equal(report.backend, 'cpu');
      assert.match(report.backendReason ?? '', new RegExp(`own tfjs ${c.own.replace(/\./g, '\\.')} on its own cpu backend`));
      assertLines(report, f);
    });
  });
}

describe('tfjs-node and tfjs-node-gpu both installed', () => {
  const installed = installWorkspace({ '@tensorflow/tfjs-node': '4.22.0', '@tensorflow/tfjs-node-gpu': '4.22.0' });

  test('neither addon built: wasm 4.22 under the workspace tfjs, both reasons named, no noise', { skip: installed.skip ?? false }, async () => {
    const f = writeModel(workspaceWith(installed.dir!), NODE_GPU_IMPORT);
    const { report, messages } = await profileOk(f, { steps: 1 });
    assert.equal(report.backend, 'wasm');
    assert.equal(report.tfjsVersion, '4.22.0');
    assert.equal(report.tfjsSource, 'workspace @tensorflow/tfjs');
    assert.match(report.backendReason ?? '', /@tensorflow\/tfjs-node 4\.22\.0: its addon is not built.*@tensorflow\/tfjs-node-gpu 4\.22\.0: its addon is not built/);
    assertLines(report, f);
    assert.deepEqual(messages.filter((m) => m.type === 'log' && /already registered/.test(m.text)), []);
  });

  test('tfjs-node built (native lane), tfjs-node-gpu not: tensorflow, no noise', { skip: nativeTfjsNodeDir() && !installed.skip ? false : (installed.skip ?? NATIVE_SKIP) }, async () => {
    const ws = makeNativeWorkspace()!;
    const gpu = path.join(installed.dir!, 'node_modules', '@tensorflow', 'tfjs-node-gpu');
    fs.symlinkSync(fs.realpathSync(gpu), path.join(ws, 'node_modules', '@tensorflow', 'tfjs-node-gpu'), 'dir');
    const f = writeModel(ws, NODE_GPU_IMPORT);
    const { report, messages } = await profileOk(f, { steps: 1 });
    assert.equal(report.backend, 'tensorflow');
    assert.equal(report.tfjsSource, 'workspace @tensorflow/tfjs-node');
    assertLines(report, f);
    assert.deepEqual(messages.filter((m) => m.type === 'log' && /already registered/.test(m.text)), []);
  });
});

test('a wasm backend that fails to start: the run continues on the same core\'s cpu and says why', async () => {
  // The repo's own tfjs 4.22.0, and a tfjs-backend-wasm 4.22.0 whose module throws as a broken install would.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-broken-wasm-'));
  const scope = path.join(ws, 'node_modules', '@tensorflow');
  fs.mkdirSync(path.join(scope, 'tfjs-backend-wasm'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs'), path.join(scope, 'tfjs'), 'dir');
  fs.writeFileSync(path.join(scope, 'tfjs-backend-wasm', 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', main: 'index.js' }));
  fs.writeFileSync(path.join(scope, 'tfjs-backend-wasm', 'index.js'), "throw new Error('tfjs-backend-wasm.wasm is missing');\n");
  const f = writeModel(ws);
  const { report } = await profileOk(f, { steps: 1 });
  assert.equal(report.backend, 'cpu');
  assert.equal(report.tfjsVersion, '4.22.0');
  assert.equal(report.backendReason, 'fallback: wasm 4.22.0 failed to initialise (tfjs-backend-wasm.wasm is missing); cpu is several times slower');
  assertLines(report, f);
});

test("Gradient Lens's own tfjs-node (native lane as the extension's optional dependency) serves a tfjs 1.7 workspace", { skip: nativeTfjsNodeDir() ? false : NATIVE_SKIP }, async () => {
  const installed = installWorkspace({ '@tensorflow/tfjs': '1.7.4' });
  if (installed.skip) return;
  // An extension folder as a .vsix built where tfjs-node's addon could be built would ship it.
  const extension = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-extension-'));
  fs.writeFileSync(path.join(extension, 'package.json'), JSON.stringify({ name: 'gradient-lens', version: '0.0.0' }));
  const scope = path.join(extension, 'node_modules', '@tensorflow');
  fs.mkdirSync(scope, { recursive: true });
  const lane = nativeTfjsNodeDir()!;
  fs.symlinkSync(lane, path.join(scope, 'tfjs-node'), 'dir');
  for (const pkg of ['tfjs', 'tfjs-core', 'tfjs-backend-wasm']) fs.symlinkSync(path.join(ROOT, 'node_modules', '@tensorflow', pkg), path.join(scope, pkg), 'dir');
  const f = writeModel(workspaceWith(installed.dir!));
  const { report } = await profileOk(f, { steps: 1, extensionRoot: extension });
  assert.equal(report.backend, 'tensorflow');
  assert.equal(report.tfjsSource, 'Gradient Lens @tensorflow/tfjs-node');
  assert.match(report.tfjsReason ?? '', /^bundled 4\.22\.0 for every @tensorflow\/\* import, with Gradient Lens's own @tensorflow\/tfjs-node: no @tensorflow\/tfjs-node installed/);
  assertLines(report, f);
});
