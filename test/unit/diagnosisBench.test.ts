// The diagnosis benchmark's bookkeeping (bench/diagnosis): every case file carries a complete, parseable
// label, and the scoring turns findings into the published kinds of figures correctly — checked on
// hand-made results whose recall, precision, false alarms, symptom and localisation are known.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUG_TYPES, listCases, readCase, type Case } from '../../bench/diagnosis/labels';
import { majority, profileThenWatch, repeatedVerdict, runtimeVerdict, scoreBySet, scoreCases, underSourceLabels, type CaseResult, type Finding } from '../../bench/diagnosis/score';
import { runtimeSymptomRight } from '../../bench/diagnosis/labels';
import { setsTable } from '../../bench/diagnosis/report';

const CASES = path.join(__dirname, '..', '..', 'bench', 'diagnosis', 'cases');

test('every case has a label, a source, its data, and FAULT lines that exist when buggy', () => {
  const cases = listCases(CASES);
  assert.ok(cases.length >= 40, `only ${cases.length} cases`);
  const ids = new Set<string>();
  for (const c of cases) {
    assert.ok(!ids.has(c.id), `duplicate case id ${c.id}`);
    ids.add(c.id);
    assert.equal(c.id, path.basename(c.file, '.js'), `${c.file}: @case differs from the file name`);
    assert.match(c.tags.source, /github\.com\/|issue \d+|seed articles|https:\/\/machinelearningmastery\.com\/|discuss\.pytorch\.org\/t\/\d+|stackexchange\.com\/questions\/\d+|stackoverflow\.com\/questions\/\d+|community\.deeplearning\.ai\/t\/[\w-]+\/\d+|https:\/\/www\.randallsutton\.com\/articles\/|https:\/\/geeksmental\.com\/question\//, `${c.id}: @source names no repository, issue, question or tutorial page`);
    assert.ok(c.tags.license, `${c.id}: no @license note`);
    const lines = fs.readFileSync(c.file, 'utf8').split('\n');
    for (const line of c.faultLines) assert.ok(lines[line - 1].includes('// FAULT'), `${c.id}: FAULT line ${line}`);
    if (c.label === 'buggy') assert.ok(c.tags.fault, `${c.id}: buggy without a @fault description`);
    // A label that differs from the source's says so and why.
    if (c.tags['source-label']) {
      assert.notEqual(c.tags['source-label'], c.label, `${c.id}: @source-label equals @label`);
      assert.match(c.tags.relabel ?? '', /.{200}/, `${c.id}: a corrected label needs its evidence in @relabel`);
    }
  }
  assert.ok(cases.filter((c) => c.label === 'healthy').length >= 15);
  // The held-out cases (ported after the rules were written) cite a pinned commit like the rest, and both labels occur.
  const heldout = cases.filter((c) => c.set === 'heldout');
  for (const c of heldout) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}/, `${c.id}: held-out @source without repo@commit`);
  assert.ok(heldout.filter((c) => c.label === 'healthy').length >= 10 && heldout.filter((c) => c.label === 'buggy').length >= 10);
  // A case moved to the tuned set (held-out protocol) keeps `@moved-from SET`: the minimums count what was ported.
  const ported = (set: string) => cases.filter((c) => c.set === set || c.tags['moved-from']?.split(' ')[0] === set);
  const heldout2 = cases.filter((c) => c.set === 'heldout2');
  for (const c of heldout2) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}/, `${c.id}: held-out @source without repo@commit`);
  // 8 healthy as ported; so-45002504-fixed was relabelled buggy on its training (its @relabel).
  assert.ok(ported('heldout2').filter((c) => c.label === 'healthy').length >= 7 && ported('heldout2').filter((c) => c.label === 'buggy').length >= 8);
  const heldout3 = cases.filter((c) => c.set === 'heldout3');
  for (const c of heldout3) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}/, `${c.id}: held-out @source without repo@commit`);
  const heldout4 = cases.filter((c) => c.set === 'heldout4');
  // The fourth set also takes programs from GitHub issue threads, cited by their issue URL (an issue has no commit).
  for (const c of heldout4) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 11 buggy and 14 healthy; cases whose miss motivated a rule move to the tuned set (held-out protocol).
  // dlp-mnist-lr-high moved with the learning-rate-high cause it motivated (@moved-from): counted as ported.
  assert.ok(ported('heldout4').filter((c) => c.label === 'healthy').length >= 8 && ported('heldout4').filter((c) => c.label === 'buggy').length >= 8);
  const heldout5 = cases.filter((c) => c.set === 'heldout5');
  for (const c of heldout5) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 11 buggy and 16 healthy; nndl-eta-2p5 and nndl-deep-sigmoid moved to the tuned set with the rules their misses
  // motivated; nndl-init-large, nndl-network-ch1 and nndl-regularized with the initialisation probe (@moved-from: counted as ported).
  assert.ok(heldout5.length === 0 || (ported('heldout5').filter((c) => c.label === 'healthy').length >= 10 && ported('heldout5').filter((c) => c.label === 'buggy').length >= 8));
  const heldout6 = cases.filter((c) => c.set === 'heldout6');
  for (const c of heldout6) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 10 buggy and 13 healthy; the four makemore programs and hom3-rnn-32 moved to the tuned set with the rules they
  // motivated (@moved-from), nlintz-67-linspace with f19272c's learning-rate-high (header line removed); pte-mnist-cnn was
  // relabelled buggy (tfjs's Adadelta is SGD: its @relabel) and hom3-gd-eta-0p02 healthy (its plan converges as the fix's
  // does: its @relabel): 13 healthy and 9 buggy counted.
  assert.ok(ported('heldout6').filter((c) => c.label === 'healthy').length >= 13 && ported('heldout6').filter((c) => c.label === 'buggy').length >= 9);
  const heldout7 = cases.filter((c) => c.set === 'heldout7');
  for (const c of heldout7) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  assert.ok(heldout7.length === 0 || (heldout7.filter((c) => c.label === 'healthy').length >= 10 && heldout7.filter((c) => c.label === 'buggy').length >= 10));
  const heldout8 = cases.filter((c) => c.set === 'heldout8');
  // The eighth set also takes published tutorials whose programs live on the article's page (cited by its URL).
  for (const c of heldout8) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)|https:\/\/\S+/, `${c.id}: held-out @source without repo@commit, issue or article URL`);
  // Ported with 12 buggy and 16 healthy.
  // Four buggy programs moved to the tuned set with the rules written in view of them (@moved-from): counted as ported.
  assert.ok(heldout8.length === 0 || (ported('heldout8').filter((c) => c.label === 'healthy').length >= 10 && ported('heldout8').filter((c) => c.label === 'buggy').length >= 10));
  const heldout9 = cases.filter((c) => c.set === 'heldout9');
  for (const c of heldout9) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 12 buggy and 17 healthy; ad-linreg and hk-mnist-normal-init moved to the tuned set with the rules written in view of them (@moved-from): counted as ported.
  assert.ok(heldout9.length === 0 || (ported('heldout9').filter((c) => c.label === 'healthy').length >= 10 && ported('heldout9').filter((c) => c.label === 'buggy').length >= 10));
  const heldout10 = cases.filter((c) => c.set === 'heldout10');
  for (const c of heldout10) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 13 buggy and 13 healthy.
  assert.ok(heldout10.length === 0 || (ported('heldout10').filter((c) => c.label === 'healthy').length >= 10 && ported('heldout10').filter((c) => c.label === 'buggy').length >= 10));
  const heldout11 = cases.filter((c) => c.set === 'heldout11');
  for (const c of heldout11) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/issues\/\d+)/, `${c.id}: held-out @source without repo@commit or issue URL`);
  // Ported with 7 buggy and 11 healthy (buggy programs whose failure a source prints are rarer than working ones).
  assert.ok(heldout11.length === 0 || (ported('heldout11').filter((c) => c.label === 'healthy').length >= 10 && ported('heldout11').filter((c) => c.label === 'buggy').length >= 7));
  const heldout12 = cases.filter((c) => c.set === 'heldout12');
  // The twelfth set also cites pull requests (a fix's own numbers) besides repo@commit and issues.
  for (const c of heldout12) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 6 buggy and 11 healthy by their sources' labels (docs/diagnosis-heldout12.md: printed failing runs of small
  // programs were the bottleneck); a relabel after the blind scoring keeps the source's in @source-label.
  const sourceLabel = (c: (typeof cases)[number]) => c.tags['source-label'] ?? c.label;
  assert.ok(heldout12.length === 0 || (ported('heldout12').filter((c) => sourceLabel(c) === 'healthy').length >= 11 && ported('heldout12').filter((c) => sourceLabel(c) === 'buggy').length >= 6));
  const heldout13 = cases.filter((c) => c.set === 'heldout13');
  for (const c of heldout13) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 4 buggy and 11 healthy by their sources' labels (docs/diagnosis-heldout13.md: as for held-out 11 and 12, sources
  // that print a small program's failing run were the bottleneck).
  assert.ok(heldout13.length === 0 || (ported('heldout13').filter((c) => sourceLabel(c) === 'healthy').length >= 11 && ported('heldout13').filter((c) => sourceLabel(c) === 'buggy').length >= 4));
  const heldout14 = cases.filter((c) => c.set === 'heldout14');
  for (const c of heldout14) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 5 buggy and 8 healthy by their sources' labels (docs/diagnosis-heldout14.md: printed failing runs of small
  // programs were again the bottleneck, and the 40 %-per-source cap bounded the Straight Dope's share).
  assert.ok(heldout14.length === 0 || (ported('heldout14').filter((c) => sourceLabel(c) === 'healthy').length >= 8 && ported('heldout14').filter((c) => sourceLabel(c) === 'buggy').length >= 5));
  const heldout15 = cases.filter((c) => c.set === 'heldout15');
  for (const c of heldout15) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 8 buggy and 5 healthy by their sources' labels (docs/diagnosis-heldout15.md: sources that print a failing run
  // of a small program were again the bottleneck; the set leans buggy because recall is the goal furthest off).
  assert.ok(heldout15.length === 0 || (ported('heldout15').filter((c) => sourceLabel(c) === 'healthy').length >= 5 && ported('heldout15').filter((c) => sourceLabel(c) === 'buggy').length >= 8));
  const heldout16 = cases.filter((c) => c.set === 'heldout16');
  // Repo@commit, an issue or pull-request URL, or a forum thread's address (one program comes from the PyTorch Forums).
  for (const c of heldout16) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)|discuss\.pytorch\.org\/t\/\d+/, `${c.id}: held-out @source without repo@commit, issue, pull-request or forum URL`);
  // Ported with 7 buggy and 5 healthy by their sources' labels (docs/diagnosis-heldout16.md: sources that print a failing run of a
  // small program were again the bottleneck; the set leans buggy because recall is the goal furthest off).
  assert.ok(heldout16.length === 0 || (ported('heldout16').filter((c) => sourceLabel(c) === 'healthy').length >= 5 && ported('heldout16').filter((c) => sourceLabel(c) === 'buggy').length >= 7));
  const heldout17 = cases.filter((c) => c.set === 'heldout17');
  for (const c of heldout17) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 6 buggy and 4 healthy by their sources' labels (docs/diagnosis-heldout17.md: ten programs from three sources after the
  // training checks dropped three; sources that print a failing run of a small program were again the bottleneck).
  assert.ok(heldout17.length === 0 || (ported('heldout17').filter((c) => sourceLabel(c) === 'healthy').length >= 4 && ported('heldout17').filter((c) => sourceLabel(c) === 'buggy').length >= 6));
  const heldout18 = cases.filter((c) => c.set === 'heldout18');
  // Repo@commit, a Stack Exchange question, or the article's address (two programs come from a blog post, one from a mirror of a
  // Data Science Stack Exchange question whose number the mirror does not give).
  for (const c of heldout18) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}|stackexchange\.com\/questions\/\d+|https:\/\/\S+/, `${c.id}: held-out @source without repo@commit, question or article URL`);
  // Ported with 7 buggy and 7 healthy by their sources' labels (docs/diagnosis-heldout18.md: fourteen programs from six sources).
  assert.ok(heldout18.length === 0 || (ported('heldout18').filter((c) => sourceLabel(c) === 'healthy').length >= 7 && ported('heldout18').filter((c) => sourceLabel(c) === 'buggy').length >= 7));
  const heldout19 = cases.filter((c) => c.set === 'heldout19');
  // Repo@commit, or a question's or forum thread's address (Stack Overflow, Cross Validated, the DeepLearning.AI forum).
  for (const c of heldout19) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}|stackexchange\.com\/questions\/\d+|stackoverflow\.com\/questions\/\d+|community\.deeplearning\.ai\/t\/[\w-]+\/\d+/, `${c.id}: held-out @source without repo@commit, question or forum URL`);
  // Ported with 6 buggy and 6 healthy by their sources' labels (docs/diagnosis-heldout19.md: twelve programs from four projects).
  assert.ok(heldout19.length === 0 || (ported('heldout19').filter((c) => sourceLabel(c) === 'healthy').length >= 6 && ported('heldout19').filter((c) => sourceLabel(c) === 'buggy').length >= 6));
  const heldout20 = cases.filter((c) => c.set === 'heldout20');
  // Repo@commit, or an issue's or pull request's address (apache/mxnet, skorch and jax threads).
  for (const c of heldout20) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+(@[0-9a-f]{7}|\/(issues|pull)\/\d+)/, `${c.id}: held-out @source without repo@commit, issue or pull-request URL`);
  // Ported with 5 buggy and 6 healthy by their sources' labels (docs/diagnosis-heldout20.md: eleven programs from five projects after
  // the training check dropped skorch issue #332's port, which did not reach the NaN its source reports).
  assert.ok(heldout20.length === 0 || (ported('heldout20').filter((c) => sourceLabel(c) === 'healthy').length >= 6 && ported('heldout20').filter((c) => sourceLabel(c) === 'buggy').length >= 5));
  const heldout21 = cases.filter((c) => c.set === 'heldout21');
  // Repo@commit (d2l-ai/d2l-en, aymericdamien/TensorFlow-Examples, ardendertat/Applied-Deep-Learning-with-Keras, Hvass-Labs).
  for (const c of heldout21) assert.match(c.tags.source, /github\.com\/[\w.-]+\/[\w.-]+@[0-9a-f]{7}/, `${c.id}: held-out @source without repo@commit`);
  // Ported with 7 buggy and 7 healthy by their sources' labels (docs/diagnosis-heldout21.md: fourteen programs from four projects).
  assert.ok(heldout21.length === 0 || (ported('heldout21').filter((c) => sourceLabel(c) === 'healthy').length >= 7 && ported('heldout21').filter((c) => sourceLabel(c) === 'buggy').length >= 7));
  assert.ok(cases.filter((c) => c.label === 'buggy').length >= 20);
});

test('a case header that misses its label, bug type or FAULT line is refused with the reason', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diag-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  assert.throws(() => readCase(write('a.js', '// @label maybe\n// @source s\n// @data d\n')), /@label must be buggy or healthy/);
  assert.throws(() => readCase(write('b.js', '// @label buggy\n// @bug nonsense\n// @source s\n// @data d\nx(); // FAULT\n')), /unknown @bug "nonsense"/);
  assert.throws(() => readCase(write('c.js', '// @label buggy\n// @bug vanishing\n// @source s\n// @data d\nx();\n')), /needs a line marked \/\/ FAULT/);
  assert.throws(() => readCase(write('e.js', '// @label healthy\n// @set held-out\n// @source s\n// @data d\n')), /@set must be heldout/);
  assert.equal(readCase(write('f.js', '// @label healthy\n// @set heldout\n// @source s\n// @data d\n')).set, 'heldout');
  assert.equal(readCase(write('g.js', '// @label healthy\n// @set heldout2\n// @source s\n// @data d\n')).set, 'heldout2');
  assert.equal(readCase(write('h.js', '// @label healthy\n// @set heldout3\n// @source s\n// @data d\n')).set, 'heldout3');
  assert.equal(readCase(write('i.js', '// @label healthy\n// @set heldout4\n// @source s\n// @data d\n')).set, 'heldout4');
  assert.equal(readCase(write('j.js', '// @label healthy\n// @set heldout5\n// @source s\n// @data d\n')).set, 'heldout5');
  assert.equal(readCase(write('k.js', '// @label healthy\n// @set heldout6\n// @source s\n// @data d\n')).set, 'heldout6');
  assert.equal(readCase(write('l.js', '// @label healthy\n// @set heldout7\n// @source s\n// @data d\n')).set, 'heldout7');
  assert.equal(readCase(write('m.js', '// @label healthy\n// @set heldout8\n// @source s\n// @data d\n')).set, 'heldout8');
  assert.equal(readCase(write('n.js', '// @label healthy\n// @set heldout9\n// @source s\n// @data d\n')).set, 'heldout9');
  assert.equal(readCase(write('o.js', '// @label healthy\n// @set heldout10\n// @source s\n// @data d\n')).set, 'heldout10');
  assert.equal(readCase(write('p.js', '// @label healthy\n// @set heldout11\n// @source s\n// @data d\n')).set, 'heldout11');
  assert.equal(readCase(write('q.js', '// @label healthy\n// @set heldout12\n// @source s\n// @data d\n')).set, 'heldout12');
  assert.equal(readCase(write('r.js', '// @label healthy\n// @set heldout13\n// @source s\n// @data d\n')).set, 'heldout13');
  const ok = readCase(write('d.js', '// @label buggy\n// @bug vanishing, lr-high\n// @source a\n//   b\n// @data d\nx();\ny(); // FAULT\n'));
  assert.deepEqual(ok.bugs, ['vanishing', 'lr-high']);
  assert.deepEqual(ok.faultLines, [7]);
  assert.equal(ok.tags.source, 'a b');
  assert.equal(ok.set, 'tuned', 'a case without @set is in the tuned set');
});

function mkCase(id: string, label: 'buggy' | 'healthy', bugs: Case['bugs'] = [], faultLines: number[] = []): Case {
  return { id, file: `/cases/${id}.js`, label, bugs, faultLines, tags: { source: 's', data: 'd' }, set: 'tuned' };
}
const alarm = (code: string, line?: number, severity = 'warning'): Finding => ({ code, severity, line, message: '' });

test('scoring: recall, precision, false alarms, symptom and localisation on known results', () => {
  const results: CaseResult[] = [
    // found, right kind, on the FAULT line
    { case: mkCase('a', 'buggy', ['vanishing'], [5]), runtime: [alarm('vanishing', 5)], lint: [alarm('deep-saturating-stack', 5)], ms: 1 },
    // found, wrong kind, elsewhere
    { case: mkCase('b', 'buggy', ['lr-high'], [9]), runtime: [alarm('dead-relu', 3)], lint: [], ms: 1 },
    // missed: an info is not an alarm
    { case: mkCase('c', 'buggy', ['lr-low'], [2]), runtime: [alarm('loss-not-decreasing', 2, 'info')], lint: [alarm('learning-rate-range', 2)], ms: 1 },
    // the run failed: counted as missed, and as a failure
    { case: mkCase('d', 'buggy', ['exploding'], [4]), runtime: [], runtimeError: 'boom', lint: [], ms: 1 },
    // structural: not in the runtime figures at all
    { case: mkCase('e', 'buggy', ['bn-dropout-order'], [7]), runtime: [alarm('saturation', 7)], lint: [alarm('batchnorm-after-dropout', 7)], ms: 1 },
    { case: mkCase('h1', 'healthy'), runtime: [alarm('exploding', 1, 'error')], lint: [alarm('deep-saturating-stack', 1)], ms: 1 },
    { case: mkCase('h2', 'healthy'), runtime: [], lint: [alarm('constant-initializer', 1, 'hint')], ms: 1 },
    { case: mkCase('h3', 'healthy'), runtime: [alarm('saturation', 1, 'info')], lint: [], ms: 1 },
  ];
  const s = scoreCases(results);
  assert.deepEqual(
    { buggy: s.runtime.buggy, healthy: s.runtime.healthy, detected: s.runtime.detected, fa: s.runtime.healthyAlarmed, sym: s.runtime.symptom, loc: s.runtime.localised, failed: s.runtime.failed },
    { buggy: 4, healthy: 3, detected: 2, fa: 1, sym: 1, loc: 1, failed: 1 },
  );
  assert.equal(s.runtime.recall, 0.5);
  assert.equal(s.runtime.precision, 2 / 3);
  assert.equal(s.runtime.falseAlarmRate, 1 / 3);
  // Static: the structural case counts; hints are not warnings.
  assert.deepEqual({ buggy: s.lint.buggy, detected: s.lint.detected, fa: s.lint.healthyAlarmed, sym: s.lint.symptom, loc: s.lint.localised }, { buggy: 5, detected: 3, fa: 1, sym: 3, loc: 3 });
  const rule = (code: string) => s.lintRules.find((r) => r.rule === code)!;
  assert.deepEqual({ tp: rule('deep-saturating-stack').tp, fp: rule('deep-saturating-stack').fp, healthy: rule('deep-saturating-stack').firesOnHealthy }, { tp: 1, fp: 1, healthy: 1 });
  // lr-low case c: found; lr-high case b: missed.
  assert.deepEqual({ tp: rule('learning-rate-range').tp, fn: rule('learning-rate-range').fn }, { tp: 1, fn: 1 });
  assert.equal(rule('large-initializer').fn, 1, 'the exploding case lists large-initializer and it stayed silent');
  assert.deepEqual(s.runtimeConfusion.vanishing, { vanishing: 1 });
  assert.deepEqual(s.runtimeConfusion.exploding, { '(run failed)': 1 });
  assert.equal(s.runtimeConfusion['bn-dropout-order'], undefined);
  assert.deepEqual(s.runtimeConfusion.healthy, { exploding: 1, '(none)': 2 });
});

test('every bug type that names lint rules names existing ones', async () => {
  const { LINT_CODES } = await import('../../src/core/lint');
  for (const [type, def] of Object.entries(BUG_TYPES)) for (const rule of def.lint) assert.ok(LINT_CODES.includes(rule), `${type}: unknown rule ${rule}`);
});

test('repeated profiles: a finding counts when more than half of the runs raised it (kind, line and severity)', () => {
  const runs = [
    [alarm('exploding', 3), alarm('dead-relu', 5)],
    [alarm('exploding', 3), alarm('exploding', 3)],
    [alarm('dead-relu', 5), alarm('exploding', 4)],
  ];
  assert.deepEqual(majority(runs).map((f) => `${f.code}@${f.line}`), ['exploding@3', 'dead-relu@5']);
  assert.deepEqual(majority([[alarm('saturation', 2)], []]), [], 'one run of two is not a majority');
  assert.deepEqual(majority([[alarm('saturation', 2, 'warning')], [alarm('saturation', 2, 'info')], [alarm('saturation', 2, 'info')]]).map((f) => f.severity), ['info']);
});

test('repeated profiles: a case is alarmed when most runs alarmed, whatever the kinds; its symptom and line are the alarmed runs\' majority', () => {
  const c = mkCase('m', 'buggy', ['lr-high'], [4]);
  // Two of three runs alarmed, each with a different kind: no finding is in most runs, yet a user is alarmed 2 times in 3.
  const mixed = [[alarm('saturated-output', 9)], [alarm('initial-loss', 4), alarm('learning-rate-high', 4)], []];
  assert.deepEqual(majority(mixed), [], 'the findings most runs share: none');
  const v = repeatedVerdict(c, mixed, runtimeSymptomRight);
  assert.equal(v.alarm, true);
  // Of the 2 alarmed runs, one named the rate on the FAULT line: 1 of 2 is not most.
  assert.equal(runtimeSymptomRight(['lr-high'], 'learning-rate-high'), true);
  assert.equal(runtimeSymptomRight(['lr-high'], 'initial-loss'), false);
  assert.deepEqual([v.symptom, v.localised, v.symptomLocalised], [false, false, false]);
  assert.deepEqual(v.codes, ['initial-loss', 'learning-rate-high', 'saturated-output'], 'no kind in most alarmed runs: the most common ones');
  // Two of three alarmed runs name the bug on its line: right and localised; the kinds shown are those most alarmed runs raised.
  const right = [[alarm('learning-rate-high', 4)], [alarm('learning-rate-high', 4), alarm('dead-relu', 2)], [alarm('dead-relu', 2)]];
  const w = repeatedVerdict(c, right, runtimeSymptomRight);
  assert.deepEqual([w.alarm, w.symptom, w.localised, w.symptomLocalised], [true, true, true, true]);
  assert.deepEqual(w.codes, ['dead-relu', 'learning-rate-high']);
  // One alarmed run of three, and one of two: quiet. Infos are not alarms.
  assert.equal(repeatedVerdict(c, [[alarm('exploding', 4)], [], []], runtimeSymptomRight).alarm, false);
  assert.equal(repeatedVerdict(c, [[alarm('exploding', 4)], []], runtimeSymptomRight).alarm, false);
  assert.equal(repeatedVerdict(c, [[alarm('exploding', 4, 'info')], [alarm('exploding', 4, 'info')], []], runtimeSymptomRight).alarm, false);
  // A healthy model alarmed in 2 of 3 runs with different kinds counts as a false alarm (it was quiet under the findings' majority).
  const healthy: CaseResult = { case: mkCase('h', 'healthy'), runtime: majority(mixed), runFindings: mixed, lint: [], ms: 1 };
  assert.equal(scoreCases([healthy]).runtime.healthyAlarmed, 1);
  // One run: the run's own verdict.
  assert.deepEqual(runtimeVerdict({ case: c, runtime: [alarm('dead-relu', 2)], lint: [], ms: 1 }).codes, ['dead-relu']);
  // Saved before the runs were kept: decided over each run's kinds, localised by the findings most runs shared.
  const old: CaseResult = { case: c, runtime: [alarm('learning-rate-high', 4)], runKinds: [['learning-rate-high'], ['initial-loss'], ['learning-rate-high']], lint: [], ms: 1 };
  assert.deepEqual(pick(runtimeVerdict(old)), [true, true, true, true]);
  assert.deepEqual(pick(runtimeVerdict({ ...old, runtime: [] })), [true, true, false, false]);
  assert.deepEqual(pick(runtimeVerdict({ ...old, runKinds: [['initial-loss'], [], []] })), [false, false, false, false]);
});
const pick = (v: ReturnType<typeof runtimeVerdict>) => [v.alarm, v.symptom, v.localised, v.symptomLocalised];

test('stability over repeated profiles: unanimous decisions and kinds, mean agreement, expected alarms of one run', () => {
  const results: CaseResult[] = [
    // the same kinds in all four runs
    { case: mkCase('s1', 'buggy', ['vanishing'], [5]), runtime: [], lint: [], ms: 1, runKinds: [['vanishing'], ['vanishing'], ['vanishing'], ['vanishing']] },
    // always alarmed, kinds differ once
    { case: mkCase('s2', 'buggy', ['lr-high'], [5]), runtime: [], lint: [], ms: 1, runKinds: [['dead-relu'], ['dead-relu'], ['dead-relu', 'vanishing'], ['dead-relu']] },
    // a healthy model alarmed in one run of four
    { case: mkCase('s3', 'healthy'), runtime: [], lint: [], ms: 1, runKinds: [[], [], ['dead-relu'], []] },
    // profiled once: not in the figures
    { case: mkCase('s4', 'healthy'), runtime: [], lint: [], ms: 1 },
  ];
  const st = scoreCases(results).stability!;
  assert.deepEqual(
    { cases: st.cases, runs: st.runs, decision: st.decisionUnanimous, kinds: st.kindsUnanimous },
    { cases: 3, runs: 4, decision: 2, kinds: 1 },
  );
  assert.equal(st.decisionAgreement, (1 + 1 + 0.75) / 3);
  assert.equal(st.kindAgreement, (1 + 0.75 + 0.75) / 3);
  assert.equal(st.expectedHealthyAlarmed, 0.25);
  assert.equal(st.expectedDetected, 2);
  assert.equal(scoreCases(results.slice(3)).stability, undefined);
});

test('a corrected label: the figures under the source\'s label count the case as the source does', () => {
  const relabelled = mkCase('r1', 'buggy', ['unscaled-input'], [3]);
  relabelled.tags['source-label'] = 'healthy';
  const results: CaseResult[] = [
    { case: relabelled, runtime: [alarm('saturation', 3)], lint: [], ms: 1 },
    { case: mkCase('h1', 'healthy'), runtime: [], lint: [], ms: 1 },
  ];
  const ours = scoreCases(results).runtime;
  assert.deepEqual([ours.detected, ours.buggy, ours.healthyAlarmed, ours.healthy], [1, 1, 0, 1]);
  const theirs = scoreCases(underSourceLabels(results)!).runtime;
  assert.deepEqual([theirs.detected, theirs.buggy, theirs.healthyAlarmed, theirs.healthy], [0, 0, 1, 2]);
  assert.equal(underSourceLabels(results.slice(1)), undefined);
});

test('a case relabelled healthy: under its source\'s label it is buggy with the source\'s bug and line', () => {
  const relabelled: Case = { ...mkCase('r2', 'healthy'), sourceBugs: ['output-activation'], sourceFaultLines: [7] };
  relabelled.tags['source-label'] = 'buggy';
  const found: CaseResult[] = [{ case: relabelled, runtime: [alarm('output-activation', 7)], lint: [], ms: 1 }];
  const ours = scoreCases(found).runtime;
  assert.deepEqual([ours.detected, ours.buggy, ours.healthyAlarmed, ours.healthy], [0, 0, 1, 1]);
  const theirs = scoreCases(underSourceLabels(found)!);
  assert.deepEqual([theirs.runtime.detected, theirs.runtime.buggy, theirs.runtime.healthyAlarmed], [1, 1, 0]);
  assert.equal(theirs.cases[0].runtime.symptomLocalised, true);
  const elsewhere = scoreCases(underSourceLabels([{ ...found[0], runtime: [alarm('output-activation', 3)] }])!);
  assert.equal(elsewhere.cases[0].runtime.symptomLocalised, false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relabel-'));
  const file = path.join(dir, 'r.js');
  fs.writeFileSync(file, '// @label healthy\n// @source-label buggy\n// @source s\n// @data d\nx();\n');
  assert.throws(() => readCase(file), /@source-bug and a line marked \/\/ SOURCE-FAULT/);
  fs.writeFileSync(file, '// @label healthy\n// @source-label buggy\n// @source-bug wrong-loss\n// @source s\n// @data d\nx(); // SOURCE-FAULT\n');
  assert.deepEqual([readCase(file).sourceBugs, readCase(file).sourceFaultLines, readCase(file).faultLines], [['wrong-loss'], [6], []]);
});

test('held-out figures: scored apart from the tuned set, beside it and the total', () => {
  const heldout = (c: Case): Case => ({ ...c, set: 'heldout' });
  const results: CaseResult[] = [
    { case: mkCase('t1', 'buggy', ['vanishing'], [5]), runtime: [alarm('vanishing', 5)], lint: [], ms: 1 },
    { case: mkCase('t2', 'healthy'), runtime: [], lint: [], ms: 1 },
    { case: heldout(mkCase('o1', 'buggy', ['lr-high'], [2])), runtime: [], lint: [], ms: 1 },
    { case: heldout(mkCase('o2', 'buggy', ['wrong-loss'], [4])), runtime: [alarm('output-activation', 9)], lint: [], ms: 1 },
    { case: heldout(mkCase('o3', 'healthy')), runtime: [alarm('dead-relu', 1)], lint: [], ms: 1 },
  ];
  const sets = scoreBySet(results)!;
  assert.deepEqual(sets.map((s) => s.name), ['tuned (2)', 'held-out (3)', 'all (5)']);
  const [tuned, out, all] = sets.map((s) => s.scored.runtime);
  assert.deepEqual([tuned.detected, tuned.buggy, tuned.healthyAlarmed, tuned.localised], [1, 1, 0, 1]);
  assert.deepEqual([out.detected, out.buggy, out.healthyAlarmed, out.healthy, out.symptom, out.localised], [1, 2, 1, 1, 1, 0]);
  assert.deepEqual([all.detected, all.buggy, all.healthyAlarmed], [2, 3, 1]);
  const text = setsTable(sets);
  assert.match(text, /\| buggy models detected \(recall\) \| 1\/1 = 100\.0 % \| 1\/2 = 50\.0 % \| 2\/3 = 66\.7 % \|/);
  assert.match(text, /\| healthy models with an alarm \| 0\/1 = 0\.0 % \| 1\/1 = 100\.0 % \| 1\/2 = 50\.0 % \|/);
  assert.equal(scoreBySet(results.slice(0, 2)), undefined, 'one set only: no side-by-side table');
  const second = scoreBySet([...results, { case: { ...mkCase('p1', 'healthy'), set: 'heldout2' }, runtime: [], lint: [], ms: 1 }])!;
  assert.deepEqual(second.map((s) => s.name), ['tuned (2)', 'held-out (3)', 'held-out 2 (1)', 'all (6)']);
  assert.deepEqual(scoreBySet(results.slice(2).concat({ case: { ...mkCase('p1', 'healthy'), set: 'heldout2' }, runtime: [], lint: [], ms: 1 }))!.map((s) => s.name), ['held-out (3)', 'held-out 2 (1)', 'all (4)']);
});

test('profile, then watch: found by either, healthy alarmed by either; symptom and line from the profile when it alarmed', () => {
  const buggy = mkCase('b', 'buggy', ['lr-low'], [4]);
  const healthy = mkCase('h', 'healthy');
  const quiet = (c: Case): CaseResult => ({ case: c, runtime: [alarm('loss-not-decreasing', 4, 'info')], lint: [], ms: 1 });
  const result = (c: Case, runtime: Finding[]): CaseResult => ({ case: c, runtime, lint: [], ms: 1 });
  // The profile missed, watch found on the FAULT line: the user learns it from watch.
  const byWatch = profileThenWatch(quiet(buggy), result(buggy, [alarm('loss-not-decreasing', 4)]));
  assert.equal(byWatch.by, 'watch');
  assert.deepEqual(runtimeVerdict(byWatch), { alarm: true, symptom: true, localised: true, symptomLocalised: true, codes: ['loss-not-decreasing'] });
  // The profile alarmed (wrong kind, off the line): the user acts on it; watch's right answer does not replace it.
  const byProfile = profileThenWatch(result(buggy, [alarm('vanishing', 9)]), result(buggy, [alarm('loss-not-decreasing', 4)]));
  assert.equal(byProfile.by, 'profile');
  assert.deepEqual(runtimeVerdict(byProfile).codes, ['vanishing']);
  assert.equal(runtimeVerdict(byProfile).symptom, false);
  // Not watched: the quiet profile stands.
  assert.equal(profileThenWatch(quiet(buggy), undefined).by, 'profile, not watched');
  assert.equal(runtimeVerdict(profileThenWatch(quiet(buggy), undefined)).alarm, false);
  // Repeated runs: a profile alarmed in 1 of 3 runs is quiet, so watch decides; watch alarmed in 1 of 2 is quiet too.
  const once = { ...result(healthy, []), runFindings: [[alarm('unscaled-input', 3)], [], []] };
  const watchOnce = { ...result(healthy, []), runFindings: [[alarm('overfitting', 7)], []] };
  assert.equal(runtimeVerdict(profileThenWatch(once, watchOnce)).alarm, false);
  const watchTwice = { ...result(healthy, []), runFindings: [[alarm('overfitting', 7)], [alarm('loss-oscillating', 2)]] };
  const both = scoreCases([profileThenWatch(once, watchTwice), profileThenWatch(quiet(buggy), result(buggy, [alarm('loss-not-decreasing', 4)]))]);
  assert.deepEqual({ found: both.runtime.detected, of: both.runtime.buggy, alarmed: both.runtime.healthyAlarmed, healthy: both.runtime.healthy }, { found: 1, of: 1, alarmed: 1, healthy: 1 });
});
