// Printing of the diagnosis benchmark's figures (see run.ts), as Markdown tables that docs/diagnosis.md
// can take as they are.
import { FINDING_CODES } from '../../src/core/protocol';
import { BUG_TYPES, type Case } from './labels';
import type { Rates, Scored } from './score';

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function confusionTable(confusion: Record<string, Record<string, number>>): string {
  const codes = [...new Set(Object.values(confusion).flatMap((row) => Object.keys(row)))].sort();
  const labels = Object.keys(confusion).sort((a, b) => (a === 'healthy' ? 1 : b === 'healthy' ? -1 : a.localeCompare(b)));
  return table(['label \\ finding', ...codes], labels.map((label) => [label, ...codes.map((code) => confusion[label][code] ?? '')]));
}

export function ratesTable(runtime: Rates, lint: Rates): string {
  const row = (name: string, goal: string, f: (r: Rates) => string) => [name, f(runtime), f(lint), goal];
  return table(['', 'runtime (profile)', 'static (lint)', 'goal'], [
    row('buggy models detected (recall)', 'runtime ≥ 95 %', (r) => `${r.detected}/${r.buggy} = ${pct(r.recall)}`),
    row('precision', '', (r) => pct(r.precision)),
    row('healthy models with an alarm', 'runtime ≤ 5 %, static warnings ≤ 5 %', (r) => `${r.healthyAlarmed}/${r.healthy} = ${pct(r.falseAlarmRate)}`),
    row('symptom right (of detected)', 'runtime ≥ 90 %', (r) => `${r.symptom}/${r.detected} = ${pct(r.symptomRate)}`),
    row('alarm on a FAULT line (of detected)', 'runtime: every detected fault', (r) => `${r.localised}/${r.detected} = ${pct(r.localisedRate)}`),
    row('right kind on a FAULT line (of detected)', '', (r) => `${r.symptomLocalised}/${r.detected}`),
  ]);
}

/**
 * The headline figures of the tuned set (the cases the rules were developed against), the held-out set (ported
 * afterwards, scored without a rule change) and both together, side by side: the held-out column is the estimate
 * of what users' models will see.
 */
export function setsTable(sets: { name: string; scored: Scored }[]): string {
  const rows: [string, (r: Rates) => string][] = [
    ['buggy models detected (recall)', (r) => `${r.detected}/${r.buggy} = ${pct(r.recall)}`],
    ['healthy models with an alarm', (r) => `${r.healthyAlarmed}/${r.healthy} = ${pct(r.falseAlarmRate)}`],
    ['symptom right (of detected)', (r) => `${r.symptom}/${r.detected} = ${pct(r.symptomRate)}`],
    ['alarm on a FAULT line (of detected)', (r) => `${r.localised}/${r.detected} = ${pct(r.localisedRate)}`],
    ['right kind on a FAULT line (of detected)', (r) => `${r.symptomLocalised}/${r.detected}`],
    ['profile runs failed', (r) => String(r.failed)],
  ];
  return table(
    ['', ...sets.map((s) => `runtime: ${s.name}`), ...sets.map((s) => `static: ${s.name}`)],
    rows.map(([name, f]) => [name, ...sets.map((s) => f(s.scored.runtime)), ...sets.map((s) => f(s.scored.lint))]),
  );
}

/** DeepDiagnosis's Table 6 (ICSE'22) per Stack Overflow model: Identity Bug / Fault Localization per tool. */
function publishedComparison(scored: Scored): string | undefined {
  const rows = scored.cases.filter((c) => c.label === 'buggy' && c.published);
  if (rows.length === 0) return undefined;
  const tools = ['UM', 'DL', 'AT', 'DD'] as const;
  const names = { UM: 'UMLAUT', DL: 'DeepLocalize', AT: 'AutoTrainer', DD: 'DeepDiagnosis' };
  const count = (tool: string, index: 0 | 1) =>
    rows.filter((c) => new RegExp(`${tool}=([^\\s/]+)/([^\\s]+)`).exec(c.published!)?.[index + 1]?.toLowerCase().startsWith('y')).length;
  const ran = (tool: string) => rows.filter((c) => !new RegExp(`${tool}=-`).test(c.published!)).length;
  const out = [
    ...tools.map((t) => [names[t], `${count(t, 0)}/${ran(t)}`, `${count(t, 1)}/${ran(t)}`]),
    ['Gradient Lens runtime (this run)', `${rows.filter((c) => c.runtime.alarm).length}/${rows.length}`, `${rows.filter((c) => c.runtime.localised).length}/${rows.length}`],
    ['Gradient Lens static (this run)', `${rows.filter((c) => c.lint.alarm).length}/${rows.length}`, `${rows.filter((c) => c.lint.localised).length}/${rows.length}`],
  ];
  return (
    `Same ${rows.length} buggy Stack Overflow models as DeepDiagnosis's Table 6 (tools run there on the Keras originals; "ran" counts exclude models a tool could not run):\n\n` +
    table(['tool', 'bug found', 'fault localised'], out)
  );
}

export function printReport(scored: Scored): void {
  console.log('\n## Per case\n');
  // With --repeat: how many runs raised an alarm, and the share of runs with the case's most common kinds.
  const repeated = scored.cases.some((c) => c.alarmRuns);
  const agreement = (c: Scored['cases'][number]) => (c.alarmRuns ? `${c.alarmRuns} · ${pct(c.kindAgreement ?? 1).replace(' %', '%')}` : '');
  console.log(
    table(
      ['case', 'label', 'runtime alarms', 'rt: found / kind / line', 'static warnings', 'st: found / kind / line', ...(repeated ? ['alarmed runs · same kinds'] : []), 's'],
      scored.cases.map((c) => [
        c.id,
        c.label === 'healthy' ? 'healthy' : c.bugs.join('+'),
        `${c.runtimeError ? `run failed: ${c.runtimeError.slice(0, 60)}` : c.runtime.codes.join(', ') || '—'}${c.probeStopped ? ` (probe stopped ${c.probeStopped})` : ''}`,
        !c.runtimeScope ? 'static only' : c.label === 'buggy' ? [c.runtime.alarm, c.runtime.symptom, c.runtime.localised].map((b) => (b ? 'y' : 'n')).join(' / ') : c.runtime.alarm ? 'FALSE ALARM' : 'ok',
        c.lint.codes.join(', ') || '—',
        c.label === 'buggy' ? [c.lint.alarm, c.lint.symptom, c.lint.localised].map((b) => (b ? 'y' : 'n')).join(' / ') : c.lint.alarm ? 'FALSE ALARM' : 'ok',
        ...(repeated ? [agreement(c)] : []),
        c.seconds.toFixed(1),
      ]),
    ),
  );
  console.log('\n## Runtime confusion (cases per label row and finding kind; a case counts once per kind it raised)\n');
  console.log(confusionTable(scored.runtimeConfusion));
  console.log('\n## Static confusion (warnings and errors only)\n');
  console.log(confusionTable(scored.lintConfusion));
  console.log('\n## Figures\n');
  console.log(ratesTable(scored.runtime, scored.lint));
  if (scored.runtime.failed) console.log(`\n${scored.runtime.failed} profile run(s) failed; they count as no alarm.`);
  const unstable = scored.cases.filter((c) => c.alarmRuns && !/^0\//.test(c.alarmRuns) && c.alarmRuns.split('/')[0] !== c.alarmRuns.split('/')[1]);
  if (unstable.length) console.log(`\nCases whose runtime alarm depends on the run (alarmed runs / runs; scored by majority): ${unstable.map((c) => `${c.id} ${c.alarmRuns}`).join(', ')}.`);
  // A check that stopped before it decided (its compute budget, or the run's --timeout) may have moved the decision.
  const stopped = scored.cases.filter((c) => c.probeStopped);
  if (stopped.length) console.log(`\nDecisions with a probe stopped (runs with a stop / runs: which checks): ${stopped.map((c) => `${c.id} ${c.probeStopped}`).join('; ')}.`);
  const st = scored.stability;
  if (st) {
    console.log(`\n## Stability over ${st.runs} runs per case (weights drawn fresh every run)\n`);
    console.log(
      table(['', 'figure'], [
        ['cases whose alarm / no-alarm decision is the same in every run', `${st.decisionUnanimous}/${st.cases} = ${pct(st.decisionUnanimous / st.cases)}`],
        ['cases whose alarm kinds are the same in every run', `${st.kindsUnanimous}/${st.cases} = ${pct(st.kindsUnanimous / st.cases)}`],
        ['runs agreeing with their case\'s majority decision (mean)', pct(st.decisionAgreement)],
        ['runs raising their case\'s most common set of kinds (mean)', pct(st.kindAgreement)],
        ['healthy models alarmed in one run (expected)', `${st.expectedHealthyAlarmed.toFixed(2)}/${scored.runtime.healthy}`],
        ['buggy models detected in one run (expected)', `${st.expectedDetected.toFixed(2)}/${scored.runtime.buggy}`],
      ]),
    );
    const varying = scored.cases.filter((c) => c.kindAgreement !== undefined && c.kindAgreement < 1);
    if (varying.length) console.log(`\nCases whose alarm kinds vary (share of runs with the most common kinds): ${varying.map((c) => `${c.id} ${pct(c.kindAgreement!)}`).join(', ')}.`);
  }
  const structural = scored.cases.filter((c) => !c.runtimeScope).map((c) => c.id);
  if (structural.length) console.log(`\nStructural bugs without a training symptom, scored by the static analyzer only (not in the runtime column): ${structural.join(', ')}.`);
  console.log('\n## Static analyzer per rule (warnings and errors; a rule is right on a buggy case whose bug type lists it)\n');
  console.log(
    table(
      ['rule', 'TP', 'FP', 'FN', 'precision', 'recall', 'healthy models warned'],
      scored.lintRules.map((r) => [r.rule, r.tp, r.fp, r.fn, pct(r.precision), pct(r.recall), r.firesOnHealthy]),
    ),
  );
  const s = scored.lint;
  console.log(`\nStatic, all rules: recall ${pct(s.recall)}, precision ${pct(s.precision)}, healthy models with warnings ${pct(s.falseAlarmRate)} — NeuraLint (TOSEM 2022) published 70.5 % recall / 100 % precision on its own benchmark (not these models).`);
  const published = publishedComparison(scored);
  if (published) console.log(`\n## Published figures on the same models\n\n${published}`);
}

export function printCaseList(cases: Case[]): void {
  console.log(
    table(
      ['case', 'set', 'label', 'bug (FAULT lines)', 'source', 'data'],
      cases.map((c) => [
        c.id,
        c.set,
        c.label,
        c.label === 'buggy' ? `${c.bugs.join(', ')} (${c.faultLines.join(', ')}): ${c.tags.fault ?? ''}` : '',
        c.tags.source,
        c.tags.data,
      ].map((cell) => String(cell).replace(/\|/g, '\\|'))),
    ),
  );
}

/** Per bug type: which of today's runtime finding codes and which lint rules count as naming it. */
export function printBugTypes(): void {
  console.log(
    table(
      ['bug type', 'what', 'runtime findings that name it', 'lint rules that name it'],
      Object.entries(BUG_TYPES).map(([type, def]) => [
        type,
        def.what,
        'staticOnly' in def ? '(structural: static only)' : FINDING_CODES.filter((code) => def.runtime.test(code)).join(', ') || '(none yet)',
        def.lint.join(', ') || '—',
      ]),
    ),
  );
}
