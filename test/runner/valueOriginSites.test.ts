// runner/valueOriginSites.ts ParsedSources: a profile's data sites and its compile() call ask of their files, and each
// file is parsed once — counted through the real core readers (core/valueOrigins.ts) — with the same origins as a parse
// per question; a file whose content changes is parsed again, and the cache keeps at most its limit of files.
// Plain Node: no runner process.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '../../src/core/valueOrigins';
import { ParsedSources } from '../../src/runner/valueOriginSites';

const SOURCE = [
  "const tf = require('@tensorflow/tfjs');",
  'const rows = [[1, 2], [3, 4]];',
  'const scaled = rows.map((r) => r[0] / 255);',
  'const loss = (y, p) => tf.sum(tf.square(tf.sub(p, y)));',
  'const model = makeModel();',
  'model.compile({ optimizer: "sgd", loss });',
  'model.fit(tf.tensor2d(rows), tf.tensor2d(scaled, [2, 1]));',
].join('\n');
const FIT_LINE = 7;
/** A stack frame's 1-based column: where the callee's name starts. */
const columnOf = (text: string) => SOURCE.split('\n')[FIT_LINE - 1].indexOf(text) + 1;
const INPUT = { line: FIT_LINE, column: columnOf('tensor2d(rows') };
const TARGET = { line: FIT_LINE, column: columnOf('tensor2d(scaled') };

/** The core readers, counting parses. */
function countingTools() {
  const counter = { parses: 0 };
  const tools = {
    parseForOrigins: (text: string, file: string) => {
      counter.parses++;
      return core.parseForOrigins(text, file);
    },
    valueOriginsIn: core.valueOriginsIn,
    lossDefinitionSiteIn: core.lossDefinitionSiteIn,
  };
  return { counter, tools: () => tools };
}

const tempFile = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-origins-')), name);
  fs.writeFileSync(file, text);
  return file;
};

test('the data sites and compile() of one file: one parse, the same origins as a parse per site', () => {
  const file = tempFile('model.js', SOURCE);
  const { counter, tools } = countingTools();
  const sources = new ParsedSources(tools);
  const inputs = [{ file, ...INPUT }];
  const targets = [{ file, ...TARGET }];
  const data = sources.withValueOrigins({ inputs, targets });
  const loss = sources.lossDefinitionOf({ file, line: 6, column: 7 });
  assert.equal(counter.parses, 1);
  const expected = (site: { line: number; column: number }) => core.valueOrigins(SOURCE, file, site).map((o) => ({ file, ...o }));
  assert.deepEqual(data?.inputOrigins, [expected(inputs[0])]);
  assert.deepEqual(data?.targetOrigins, [expected(targets[0])]);
  assert.deepEqual(data?.inputOrigins?.[0].map((o) => [o.name, o.line]), [['rows', 2]]);
  assert.deepEqual(data?.targetOrigins?.[0].map((o) => [o.name, o.line]), [['scaled', 3]]);
  assert.deepEqual(loss, { file, ...core.lossDefinitionSite(SOURCE, file, 6) });
  assert.equal(loss?.line, 4);
});

test('a file rewritten between questions is parsed again; beyond the limit the oldest file is dropped', () => {
  const file = tempFile('model.js', SOURCE);
  const { counter, tools } = countingTools();
  const sources = new ParsedSources(tools, 2);
  const ask = (f: string) => sources.withValueOrigins({ targets: [{ file: f, ...TARGET }] });
  ask(file);
  fs.writeFileSync(file, SOURCE.replace('/ 255', '/ 256'));
  ask(file);
  assert.equal(counter.parses, 2);
  const other = tempFile('other.js', SOURCE);
  ask(other); // three keys seen, limit 2: the first version of model.js is gone, the second kept
  ask(file);
  assert.equal(counter.parses, 3);
  fs.writeFileSync(file, SOURCE);
  ask(file);
  assert.equal(counter.parses, 4, 'the first version was dropped');
});

test('an unreadable or unparsable file and a missing bundle leave the sites as they were', () => {
  const data = { targets: [{ file: '/no/such/file.js', line: 1, column: 1 }] };
  assert.equal(new ParsedSources(countingTools().tools).withValueOrigins(data), data);
  const broken = { targets: [{ file: tempFile('broken.js', 'const = ;'), line: 1, column: 1 }] };
  assert.equal(new ParsedSources(countingTools().tools).withValueOrigins(broken), broken);
  const noBundle = new ParsedSources(() => {
    throw new Error('no dist/sourceTools.js');
  });
  const site = { targets: [{ file: tempFile('model.js', SOURCE), ...TARGET }] };
  assert.equal(noBundle.withValueOrigins(site), site);
  assert.equal(noBundle.lossDefinitionOf({ file: site.targets[0].file, line: 6, column: 7 }), undefined);
});
