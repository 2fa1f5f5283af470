// The static analyzer (src/core/lint) on the fixtures in test/fixtures/lint: exactly the marked diagnostics
// (code and range), every rule fired and near-missed, healthy models silent, every quick fix applied and
// re-linted, options (levels, off, deep-stack size), half-typed code, files that are not tfjs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_RULES, lintSource, type LintDiagnostic, type LintEdit } from '../../src/core/lint';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'lint');
const MARKER = /^\s*\/\/(\s*)(\^+)\s+([a-z-]+)(?:\s+(error|warning|info|hint))?\s*$/;

const fixtureFiles = fs
  .readdirSync(FIXTURES)
  .filter((f) => /\.(m|c)?(j|t)s$/.test(f))
  .sort();

/** `line:start-end code` for every marker: carets under the previous code line, at its columns. */
function expectedOf(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const start = line.indexOf('^');
    // A severity after the code: this case reports at a milder level than the rule's default.
    out.push(`${target + 1}:${start}-${start + m[2].length} ${m[3]}${m[4] ? ` ${m[4]}` : ''}`);
  });
  return out.sort();
}

function actualOf(diagnostics: LintDiagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      assert.equal(d.range.start.line, d.range.end.line, `${d.code}: fixtures keep ranges on one line`);
      const level = d.severity === LINT_RULES.find((r) => r.code === d.code)?.defaultSeverity ? '' : ` ${d.severity}`;
      return `${d.range.start.line + 1}:${d.range.start.column}-${d.range.end.column} ${d.code}${level}`;
    })
    .sort();
}

export function applyEdits(text: string, edits: LintEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');

for (const file of fixtureFiles) {
  test(`fixture ${file}: exactly the marked diagnostics`, () => {
    const text = read(file);
    const result = lintSource(text, file);
    assert.deepEqual(result.parseErrors, []);
    assert.deepEqual(actualOf(result.diagnostics), expectedOf(text));
    for (const d of result.diagnostics) {
      const info = LINT_RULES.find((r) => r.code === d.code);
      assert.ok(info, d.code);
      assert.equal(d.docUrl, `https://github.com/gradient-lens/gradient-lens/blob/main/docs/lint/${d.code}.md`);
      // One sentence: what happens, then what to do.
      assert.match(d.message, /^[^\n]+; [^\n]+\.$/, d.message);
    }
  });
}

test('every rule fires in its .fire fixture and has a near-miss fixture with no diagnostic of it', () => {
  for (const { code } of LINT_RULES) {
    const fire = fixtureFiles.filter((f) => f.startsWith(`${code}.fire.`) || f.startsWith(`${code}-`));
    const near = fixtureFiles.filter((f) => f.startsWith(`${code}.near.`));
    assert.ok(fire.length > 0 && near.length > 0, `${code}: fire and near fixtures`);
    assert.ok(fire.some((f) => lintSource(read(f), f).diagnostics.some((d) => d.code === code)), `${code} fires`);
    for (const f of near) assert.ok(!lintSource(read(f), f).diagnostics.some((d) => d.code === code), `${code} silent in ${f}`);
  }
});

test('healthy canonical models (MNIST CNN, MLP regressor, LSTM forecaster): no diagnostics at all', () => {
  for (const f of ['healthy-mnist-cnn.js', 'healthy-mlp-regressor.ts', 'healthy-lstm-forecaster.mjs']) {
    const result = lintSource(read(f), f);
    assert.equal(result.usesTfjs, true, f);
    assert.deepEqual(result.diagnostics, [], f);
  }
});

test('every quick fix parses, removes exactly its diagnostic, and is offered only with edits', () => {
  let fixes = 0;
  const fixedCodes = new Set<string>();
  for (const file of fixtureFiles) {
    const text = read(file);
    const before = lintSource(text, file).diagnostics;
    for (const d of before) {
      for (const f of d.fixes) {
        fixes++;
        fixedCodes.add(d.code);
        assert.ok(f.edits.length > 0, f.title);
        const fixed = applyEdits(text, f.edits);
        const after = lintSource(fixed, file);
        assert.deepEqual(after.parseErrors, [], `${file} ${d.code} "${f.title}" parses`);
        const count = (ds: LintDiagnostic[]) => ds.filter((x) => x.code === d.code).length;
        assert.equal(count(after.diagnostics), count(before) - 1, `${file}:${d.range.start.line + 1} ${d.code} "${f.title}" removes its diagnostic\n${fixed}`);
      }
    }
  }
  // The rules where one fix is clearly right all offer it somewhere in the fixtures.
  for (const code of ['deep-saturating-stack', 'constant-initializer', 'large-initializer', 'initializer-activation-mismatch', 'loss-activation-mismatch', 'linear-dense-stack', 'batchnorm-after-dropout', 'dropout-before-pooling', 'bias-before-batchnorm']) {
    assert.ok(fixedCodes.has(code), `${code} offers a fix`);
  }
  assert.ok(fixes >= 25, `${fixes} fixes checked`);
});

test('fix texts: exact results for the named fixes', () => {
  const text = [
    "import * as tf from '@tensorflow/tfjs';",
    'const m = tf.sequential();',
    'm.add(tf.layers.dense({ inputShape: [4], units: 8 }));',
    'm.add(tf.layers.dropout({ rate: 0.3 }));',
    'm.add(tf.layers.batchNormalization({}));',
    'm.add(tf.layers.dense({ units: 3, activation: "softmax" }));',
    "m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });",
  ].join('\n');
  const result = lintSource(text, 'm.js');
  const fixOf = (code: string) => applyEdits(text, result.diagnostics.find((d) => d.code === code)!.fixes[0].edits);
  assert.match(fixOf('loss-activation-mismatch'), /loss: 'categoricalCrossentropy' \}\);$/);
  assert.match(fixOf('batchnorm-after-dropout'), /m\.add\(tf\.layers\.batchNormalization\(\{\}\)\);\nm\.add\(tf\.layers\.dropout\(\{ rate: 0\.3 \}\)\);/);
  const reordered = fixOf('batchnorm-after-dropout');
  // After the reorder the Dense feeds BatchNormalization directly: now its bias is the (info) finding.
  assert.deepEqual(lintSource(reordered, 'm.js').diagnostics.map((d) => d.code), ['bias-before-batchnorm', 'loss-activation-mismatch']);
  const deep = ["const tf = require('@tensorflow/tfjs');", 'const m = tf.sequential();', "for (let i = 0; i < 5; i++) m.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));", "m.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: 'glorotNormal' }));"].join('\n');
  const d = lintSource(deep, 'd.js').diagnostics;
  assert.deepEqual(d.map((x) => x.code), ['deep-saturating-stack']);
  assert.match(d[0].message, /^5 sigmoid hidden layers in a row/);
  assert.deepEqual(d[0].fixes.map((f) => [f.title, f.isPreferred]), [["Use 'relu' with 'heNormal' initialization in this stack", true]]);
  assert.equal(applyEdits(deep, d[0].fixes[0].edits).split('\n')[2], "for (let i = 0; i < 5; i++) m.add(tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: 'heNormal' }));");
  // The same stack in tanh is healthy with the default (Glorot) kernel; six layers of randomNormal(0.05) on
  // 8 inputs (gain 0.14) are not, and the preferred fix keeps tanh with a matched initializer.
  assert.deepEqual(lintSource(deep.replace("'sigmoid' }", "'tanh' }"), 'd.js').diagnostics, []);
  const small = ["const tf = require('@tensorflow/tfjs');", 'const m = tf.sequential();', "m.add(tf.layers.dense({ inputShape: [8], units: 8, activation: 'tanh', kernelInitializer: 'randomNormal' }));", "for (let i = 0; i < 5; i++) m.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: 'randomNormal' }));", "m.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));"].join('\n');
  const t = lintSource(small, 't.js').diagnostics;
  assert.deepEqual(t.map((x) => x.code), ['deep-saturating-stack'], small);
  assert.match(t[0].message, /^6 tanh hidden layers in a row: their kernels are initialized with randomNormal \(stddev 0\.05\)/);
  assert.deepEqual(t[0].fixes.map((f) => [f.title, f.isPreferred]), [["Use 'glorotUniform' initialization in this stack", true], ["Use 'relu' with 'heNormal' initialization in this stack", false]]);
  assert.match(applyEdits(small, t[0].fixes[0].edits), /activation: 'tanh', kernelInitializer: 'glorotUniform' \}\)\);/);
});

test('options: re-level, turn off, deep-stack size', () => {
  const text = read('deep-saturating-stack.near.js');
  assert.equal(lintSource(text, 'x.js').diagnostics.length, 0);
  const deeper = lintSource(text, 'x.js', { deepStackMin: 3 }).diagnostics;
  assert.deepEqual(deeper.map((d) => `${d.range.start.line + 1} ${d.code}`), ['5 deep-saturating-stack']);
  const lr = read('learning-rate-range.fire.js');
  assert.ok(lintSource(lr, 'x.js', { rules: { 'learning-rate-range': 'error' } }).diagnostics.every((d) => d.severity === 'error'));
  assert.equal(lintSource(lr, 'x.js', { rules: { 'learning-rate-range': 'off' } }).diagnostics.length, 0);
});

test('files that do not use tfjs: usesTfjs false, no diagnostics', () => {
  const r = lintSource(read('resolve-not-tfjs.js'), 'resolve-not-tfjs.js');
  assert.equal(r.usesTfjs, false);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(lintSource('const x = 1;', 'a.ts').usesTfjs, false);
  assert.equal(lintSource("import type { Tensor } from '@tensorflow/tfjs';", 'a.ts').usesTfjs, true);
  assert.equal(lintSource("const tf = await import('@tensorflow/tfjs-node');", 'a.mjs').usesTfjs, true);
});

test('half-typed code: the line being typed is skipped, the rest still analyzed at exact positions', () => {
  const lines = [
    "const tf = require('@tensorflow/tfjs');",
    'const m = tf.sequential();',
    "m.add(tf.layers.dropout({ rate: 0.95 }));",
    'm.add(tf.layers.dense({ units: 3, activation: "so',
    "m.add(tf.layers.dropout({ rate: 0.99 }));",
  ];
  const r = lintSource(lines.join('\n'), 'typing.js');
  assert.ok(r.parseErrors.length >= 1);
  assert.equal(r.parseErrors[0].range.start.line, 3);
  assert.deepEqual(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['2:32 dropout-rate', '4:32 dropout-rate']);
  // A recoverable error (errorRecovery) keeps the whole file.
  const recovered = lintSource("const tf = require('@tensorflow/tfjs');\nconst a = 1; const a = 2;\ntf.layers.dropout({ rate: 1 });", 'r.js');
  assert.ok(recovered.parseErrors.length >= 1);
  assert.deepEqual(recovered.diagnostics.map((d) => d.code), ['dropout-rate']);
});

test('positions: 0-based line, UTF-16 column and offset, also after astral characters and CRLF', () => {
  const text = "const tf = require('@tensorflow/tfjs');\r\n// 🙂 emoji\r\nconst s = '🙂'; tf.layers.dropout({ rate: 0.95 });";
  const [d] = lintSource(text, 'p.js').diagnostics;
  const offset = text.indexOf('0.95');
  assert.deepEqual(d.range.start, { line: 2, column: text.slice(text.lastIndexOf('\n') + 1).indexOf('0.95'), offset });
  assert.equal(d.range.end.offset, offset + 4);
});

test('JS flavours and TS syntax parse: .cjs/.cts/.mts, type annotations, generics, satisfies', () => {
  const ts = "import * as tf from '@tensorflow/tfjs';\nconst rate = 0.95 as number;\nexport const l: tf.layers.Layer = tf.layers.dropout({ rate } satisfies { rate: number });\nfunction id<T>(x: T): T { return x; }\nid<number>(1);";
  for (const ext of ['ts', 'mts', 'cts']) {
    const r = lintSource(ts, `a.${ext}`);
    assert.deepEqual(r.parseErrors, [], ext);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['dropout-rate'], ext);
  }
  const cjs = "const { layers } = require('@tensorflow/tfjs');\nmodule.exports = layers.dropout({ rate: 0.95 });";
  assert.deepEqual(lintSource(cjs, 'a.cjs').diagnostics.map((d) => d.code), ['dropout-rate']);
});

test('every rule has its doc page with its default severity, a source and the settings to change it', () => {
  const docs = path.join(__dirname, '..', '..', 'docs', 'lint');
  for (const r of LINT_RULES) {
    const page = fs.readFileSync(path.join(docs, `${r.code}.md`), 'utf8');
    assert.ok(page.startsWith(`# \`${r.code}\` — ${r.title}\n`), r.code);
    assert.ok(page.includes(`**Default severity:** ${r.defaultSeverity}`), r.code);
    assert.ok(page.includes('## Sources'), r.code);
    assert.ok(page.includes('## Calibrated on'), `${r.code}: what its thresholds were calibrated on`);
    assert.ok(page.includes(`"gradientLens.lint.rules": { "${r.code}": "off" }`) && page.includes(`--rule ${r.code}=off`), r.code);
  }
  assert.deepEqual(fs.readdirSync(docs).sort(), LINT_RULES.map((r) => `${r.code}.md`).sort());
});
