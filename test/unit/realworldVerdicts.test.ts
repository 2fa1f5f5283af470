// The judgements behind bench/realworld/verdicts.ts: every corpus case expected to profile is judged (does it train on its
// own plan, with evidence), the file matches its schema, and the false-alarm figures count what they say.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadCorpus } from '../../bench/realworld/manifest';
import { loadJudgements, summarize, type CaseFindings } from '../../bench/realworld/verdicts';

test('every case expected to profile has a judgement, and every judgement names a corpus case', () => {
  const judged = loadJudgements();
  const profiling = loadCorpus().filter((c) => c.expect.profiles).map((c) => c.name);
  assert.deepEqual(profiling.filter((n) => !judged[n]), []);
  assert.deepEqual(Object.keys(judged).filter((n) => !profiling.includes(n)), []);
});

test('the figures: warned and falsely warned among the projects judged to train', () => {
  const judged = {
    a: { trains: 'yes' as const, evidence: 'trains on its own plan', findings: { 'learning-rate-high': { verdict: 'false' as const, why: 'the profiler compiled it' } } },
    b: { trains: 'yes' as const, evidence: 'trains on its own plan', findings: { 'output-activation': { verdict: 'unclear' as const, why: 'true of the code, no harm measured' } } },
    c: { trains: 'yes' as const, evidence: 'trains on its own plan' },
    d: { trains: 'no' as const, evidence: 'random labels, loss flat', findings: { 'saturated-output': { verdict: 'true' as const, why: 'std-1 weights saturate it' } } },
  };
  const finding = (code: string, severity = 'warning') => ({ code, severity, where: 'm.js:1', message: '' });
  const results: CaseFindings[] = [
    { name: 'a', findings: [finding('learning-rate-high')], seconds: 1 },
    { name: 'b', findings: [finding('output-activation'), finding('exploding', 'info')], seconds: 1 },
    { name: 'c', findings: [finding('dead-relu', 'info')], seconds: 1 },
    { name: 'd', findings: [finding('saturated-output')], seconds: 1 },
    { name: 'e', failure: 'no report', seconds: 1 },
  ];
  assert.deepEqual(summarize(results, judged), [
    '4/5 profiled; 3 with a warning or error finding',
    'warning/error findings: 3 — judged true 1, false 1, unclear 1, unjudged 0',
    'projects that train on their own plan: 3; warned 2 (67 %); with a false warning 1 (33 %): a',
  ]);
});
