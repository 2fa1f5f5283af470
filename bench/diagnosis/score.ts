// Scoring of the diagnosis benchmark: per case whether the runtime profiler and the static analyzer
// raised an alarm (warning or error), whether its kind names the labelled bug, and whether it points
// at a line marked FAULT; then the aggregate figures and the analyzer's precision/recall per rule.
import { BUG_TYPES, inRuntimeScope, lintSymptomRight, runtimeSymptomRight, type Case } from './labels';

export interface Finding {
  code: string;
  severity: string;
  line?: number;
  layer?: string;
  message: string;
  /** Lines where values the finding's line consumed were defined (its related 'definition' sites, shown with it). */
  definitions?: number[];
}

export interface CaseResult {
  case: Case;
  runtime: Finding[];
  /** Set when the profile did not finish (the case then counts as not detected / no alarm). */
  runtimeError?: string;
  lint: Finding[];
  ms: number;
  /** With --repeat: how many of the profile runs raised an alarm, and how many ran. */
  alarmRuns?: { alarmed: number; runs: number };
  /** With --repeat: the alarm kinds (sorted) each finished run raised, for the stability figures. */
  runKinds?: string[][];
  /** With --repeat: every finished run's findings, which the case's verdict is decided over (repeatedVerdict). */
  runFindings?: Finding[][];
  /**
   * Per profile run (failed ones too): the checks that stopped before they decided ("init: budget 3/80 steps", "run: run
   * limit (Label probe: …)") — a decision a stopped check could have moved (machine load, the --timeout) shows here.
   */
  probeStops?: string[][];
  /**
   * Per profile run: how many optimizer steps were profiled (the steps after step 0; more than --steps when a flat loss
   * extended them, core/plateau.ts). Weights are drawn fresh every run, so it may differ between runs; it must not
   * differ with machine load (docs/probe-budgets.md).
   */
  profiledSteps?: (number | undefined)[];
  /**
   * Per profile run: the plan preview's steps and factor as its finding reports them ("2500 at 32×"; undefined when no
   * preview verdict was reported). Fixed by the program since the exactsteps session: it must not differ between runs or loads.
   */
  previewSteps?: (string | undefined)[];
}

/** "2/3: init, run" — how many runs had a check stop before it decided, and which checks; undefined when none did. */
export function probeStopped(runs: readonly string[][] | undefined): string | undefined {
  const stopped = (runs ?? []).filter((r) => r.length > 0);
  if (!stopped.length) return undefined;
  const probes = [...new Set(stopped.flat().map((s) => s.split(':')[0]))].sort();
  return `${stopped.length}/${runs!.length}: ${probes.join(', ')}`;
}

const key = (f: Finding) => `${f.code}\u0000${f.line ?? ''}\u0000${f.severity}`;

/**
 * The findings of repeated profiles of one case that most runs agree on: a finding (kind, line, severity)
 * is kept when it appears in more than half of the runs that finished. Weights are drawn fresh every run.
 */
export function majority(runs: Finding[][]): Finding[] {
  const counts = new Map<string, { finding: Finding; n: number }>();
  for (const run of runs) {
    for (const f of new Map(run.map((x) => [key(x), x])).values()) {
      const entry = counts.get(key(f)) ?? { finding: f, n: 0 };
      entry.n++;
      counts.set(key(f), entry);
    }
  }
  return [...counts.values()].filter((e) => e.n * 2 > runs.length).map((e) => e.finding);
}

export interface Verdict {
  /** At least one alarm. */
  alarm: boolean;
  /** An alarm whose kind names one of the labelled bugs. */
  symptom: boolean;
  /** An alarm on a FAULT line. */
  localised: boolean;
  /** An alarm of the right kind on a FAULT line. */
  symptomLocalised: boolean;
  codes: string[];
}

export interface ScoredCase {
  id: string;
  label: 'buggy' | 'healthy';
  bugs: string[];
  source: string;
  data: string;
  published?: string;
  runtimeError?: string;
  /** False for buggy cases whose bugs are all structural (no training symptom): not in the runtime figures. */
  runtimeScope: boolean;
  seconds: number;
  runtime: Verdict;
  lint: Verdict;
  /** Static infos/hints (not alarms), for the record. */
  lintNotes: string[];
  runtimeNotes: string[];
  /** "k/n" when the case was profiled n times and k of the runs raised an alarm. */
  alarmRuns?: string;
  /** With --repeat: share of the runs whose alarm kinds equal the most common set of kinds. */
  kindAgreement?: number;
  /** "k/n: init, run" when k of the n profile runs had a check stop before it decided (CaseResult.probeStops). */
  probeStopped?: string;
}

export interface Rates {
  buggy: number;
  healthy: number;
  detected: number;
  healthyAlarmed: number;
  symptom: number;
  localised: number;
  symptomLocalised: number;
  failed: number;
  recall: number;
  precision: number;
  falseAlarmRate: number;
  symptomRate: number;
  localisedRate: number;
}

export interface RuleScore { rule: string; tp: number; fp: number; fn: number; precision: number; recall: number; firesOnHealthy: number }

export interface Scored {
  cases: ScoredCase[];
  runtime: Rates;
  lint: Rates;
  lintRules: RuleScore[];
  /** label row (primary bug or "healthy") → finding code → number of cases. */
  runtimeConfusion: Record<string, Record<string, number>>;
  lintConfusion: Record<string, Record<string, number>>;
  stability?: Stability;
}

/** How much the runtime verdicts depend on the run (weights drawn fresh each time), over repeated profiles. */
export interface Stability {
  cases: number;
  runs: number;
  /** Cases where every run agreed on alarm / no alarm. */
  decisionUnanimous: number;
  /** Cases where every run raised the same set of alarm kinds. */
  kindsUnanimous: number;
  /** Mean over cases of the share of runs that agree with the case's majority alarm decision. */
  decisionAgreement: number;
  /** Mean over cases of the share of runs whose kinds equal the case's most common set of kinds. */
  kindAgreement: number;
  /** What a single run is expected to give: healthy models alarmed and buggy models detected (mean over runs). */
  expectedHealthyAlarmed: number;
  expectedDetected: number;
}

export const isAlarm = (f: Finding) => f.severity === 'error' || f.severity === 'warning';

function verdict(c: Case, findings: Finding[], symptomRight: (bugs: Case['bugs'], code: string) => boolean): Verdict {
  const alarms = findings.filter(isAlarm);
  // On a FAULT line: the finding's own line, or a definition it shows beside it (the data a tensor was made from,
  // the loss function compile() was given): the hover, the Problems panel and SARIF show both.
  const atFault = (f: Finding) => [f.line, ...(f.definitions ?? [])].some((line) => line !== undefined && c.faultLines.includes(line));
  return {
    alarm: alarms.length > 0,
    symptom: alarms.some((f) => symptomRight(c.bugs, f.code)),
    localised: alarms.some(atFault),
    symptomLocalised: alarms.some((f) => atFault(f) && symptomRight(c.bugs, f.code)),
    codes: [...new Set(alarms.map((f) => f.code))],
  };
}

/**
 * The verdict of a case profiled several times (fresh weights each run), decided the way a user meets it: one run.
 * Each run is judged on its own (an alarm is any warning or error, whatever its kind); the case is alarmed when more
 * than half of its runs were. Of the alarmed runs, the symptom (localisation) is right when more than half named the
 * labelled bug (alarmed on a FAULT line): what a user who got an alarm most likely read. The kinds shown are those more
 * than half of the alarmed runs raised, else the most common ones. Deciding by the findings most runs share (majority)
 * instead counted a case whose runs alarmed with different kinds as quiet, though a user would have been alarmed.
 */
export function repeatedVerdict(c: Case, runs: Finding[][], symptomRight: (bugs: Case['bugs'], code: string) => boolean): Verdict {
  const each = runs.map((run) => verdict(c, run, symptomRight));
  const alarmed = each.filter((v) => v.alarm);
  if (alarmed.length * 2 <= each.length) return { alarm: false, symptom: false, localised: false, symptomLocalised: false, codes: [] };
  const most = (pick: (v: Verdict) => boolean) => alarmed.filter(pick).length * 2 > alarmed.length;
  const counts = new Map<string, number>();
  for (const v of alarmed) for (const code of v.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const byMost = [...counts].filter(([, n]) => n * 2 > alarmed.length);
  const codes = (byMost.length ? byMost : [...counts].filter(([, n]) => n === top)).map(([code]) => code).sort();
  return { alarm: true, symptom: most((v) => v.symptom), localised: most((v) => v.localised), symptomLocalised: most((v) => v.symptomLocalised), codes };
}

/**
 * The runtime verdict of a result: over its runs when it was profiled several times. A result saved before the runs
 * were kept (only each run's kinds) is decided over those kinds, and localised by the findings most runs shared.
 */
export function runtimeVerdict(r: CaseResult): Verdict {
  if (r.runFindings && r.runFindings.length > 1) return repeatedVerdict(r.case, r.runFindings, runtimeSymptomRight);
  if (r.runKinds && r.runKinds.length > 1) {
    const kindsOnly = repeatedVerdict(r.case, r.runKinds.map((kinds) => kinds.map((code) => ({ code, severity: 'warning', message: '' }))), runtimeSymptomRight);
    const shared = verdict(r.case, r.runtime, runtimeSymptomRight);
    return { ...kindsOnly, localised: kindsOnly.alarm && shared.localised, symptomLocalised: kindsOnly.alarm && shared.symptomLocalised };
  }
  return verdict(r.case, r.runtime, runtimeSymptomRight);
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

function rates(all: ScoredCase[], pick: (c: ScoredCase) => Verdict, runsCanFail: boolean): Rates {
  const cases = runsCanFail ? all.filter((c) => c.runtimeScope) : all;
  const buggy = cases.filter((c) => c.label === 'buggy');
  const healthy = cases.filter((c) => c.label === 'healthy');
  const detected = buggy.filter((c) => pick(c).alarm);
  const healthyAlarmed = healthy.filter((c) => pick(c).alarm).length;
  const symptom = detected.filter((c) => pick(c).symptom).length;
  const localised = detected.filter((c) => pick(c).localised).length;
  const symptomLocalised = detected.filter((c) => pick(c).symptomLocalised).length;
  return {
    buggy: buggy.length,
    healthy: healthy.length,
    detected: detected.length,
    healthyAlarmed,
    symptom,
    localised,
    symptomLocalised,
    failed: runsCanFail ? cases.filter((c) => c.runtimeError).length : 0,
    recall: ratio(detected.length, buggy.length),
    precision: ratio(detected.length, detected.length + healthyAlarmed),
    falseAlarmRate: ratio(healthyAlarmed, healthy.length),
    symptomRate: ratio(symptom, detected.length),
    localisedRate: ratio(localised, detected.length),
  };
}

function confusion(cases: ScoredCase[], pick: (c: ScoredCase) => Verdict, runsCanFail: boolean): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const c of cases.filter((x) => !runsCanFail || x.runtimeScope)) {
    const row = (table[c.label === 'healthy' ? 'healthy' : c.bugs[0]] ??= {});
    const codes = c.runtimeError && runsCanFail ? ['(run failed)'] : pick(c).codes.length ? pick(c).codes : ['(none)'];
    for (const code of codes) row[code] = (row[code] ?? 0) + 1;
  }
  return table;
}

function ruleScores(results: CaseResult[]): RuleScore[] {
  const rules = new Set<string>();
  for (const bug of Object.values(BUG_TYPES)) for (const rule of bug.lint) rules.add(rule);
  for (const r of results) for (const f of r.lint.filter(isAlarm)) rules.add(f.code);
  return [...rules].sort().map((rule) => {
    let tp = 0, fp = 0, fn = 0, firesOnHealthy = 0;
    for (const r of results) {
      const fires = r.lint.some((f) => isAlarm(f) && f.code === rule);
      const expected = r.case.label === 'buggy' && lintSymptomRight(r.case.bugs, rule);
      if (fires && expected) tp++;
      else if (fires) fp++;
      else if (expected) fn++;
      if (fires && r.case.label === 'healthy') firesOnHealthy++;
    }
    return { rule, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), firesOnHealthy };
  });
}

/** Share of `runs` equal to the most common one (by `key`). */
function agreement<T>(runs: T[], key: (run: T) => string): number {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(key(run), (counts.get(key(run)) ?? 0) + 1);
  return Math.max(...counts.values()) / runs.length;
}

export function stability(results: CaseResult[]): Stability | undefined {
  const repeated = results.filter((r) => inRuntimeScope(r.case) && r.runKinds && r.runKinds.length > 1);
  if (repeated.length === 0) return undefined;
  const decision = (r: CaseResult) => agreement(r.runKinds!, (k) => String(k.length > 0));
  const kinds = (r: CaseResult) => agreement(r.runKinds!, (k) => k.join(','));
  const alarmedShare = (r: CaseResult) => r.runKinds!.filter((k) => k.length > 0).length / r.runKinds!.length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    cases: repeated.length,
    runs: Math.max(...repeated.map((r) => r.runKinds!.length)),
    decisionUnanimous: repeated.filter((r) => decision(r) === 1).length,
    kindsUnanimous: repeated.filter((r) => kinds(r) === 1).length,
    decisionAgreement: mean(repeated.map(decision)),
    kindAgreement: mean(repeated.map(kinds)),
    expectedHealthyAlarmed: repeated.filter((r) => r.case.label === 'healthy').reduce((s, r) => s + alarmedShare(r), 0),
    expectedDetected: repeated.filter((r) => r.case.label === 'buggy').reduce((s, r) => s + alarmedShare(r), 0),
  };
}

/**
 * The results with every case under the label its source gives it (`@source-label`), for the figures beside
 * ours when we corrected a label (`@relabel` says why); undefined when no label was corrected.
 */
export function underSourceLabels(results: CaseResult[]): CaseResult[] | undefined {
  if (!results.some((r) => r.case.tags['source-label'])) return undefined;
  return results.map((r) => {
    const label = r.case.tags['source-label'] as Case['label'] | undefined;
    if (!label) return r;
    if (label === 'healthy') return { ...r, case: { ...r.case, label, bugs: [] } };
    return { ...r, case: { ...r.case, label, bugs: r.case.sourceBugs ?? r.case.bugs, faultLines: r.case.sourceFaultLines ?? r.case.faultLines } };
  });
}

export function scoreCases(results: CaseResult[]): Scored {
  const cases: ScoredCase[] = results.map((r) => ({
    id: r.case.id,
    label: r.case.label,
    bugs: r.case.bugs,
    source: r.case.tags.source,
    data: r.case.tags.data,
    published: r.case.tags.table6,
    runtimeError: r.runtimeError,
    runtimeScope: inRuntimeScope(r.case),
    seconds: r.ms / 1000,
    runtime: runtimeVerdict(r),
    lint: verdict(r.case, r.lint, lintSymptomRight),
    lintNotes: r.lint.filter((f) => !isAlarm(f)).map((f) => `${f.code} (${f.severity})`),
    runtimeNotes: r.runtime.filter((f) => !isAlarm(f)).map((f) => `${f.code} (${f.severity})`),
    alarmRuns: r.alarmRuns ? `${r.alarmRuns.alarmed}/${r.alarmRuns.runs}` : undefined,
    kindAgreement: r.runKinds && r.runKinds.length > 1 ? agreement(r.runKinds, (k) => k.join(',')) : undefined,
    probeStopped: probeStopped(r.probeStops),
  }));
  return {
    cases,
    runtime: rates(cases, (c) => c.runtime, true),
    lint: rates(cases, (c) => c.lint, false),
    lintRules: ruleScores(results),
    runtimeConfusion: confusion(cases, (c) => c.runtime, true),
    lintConfusion: confusion(cases, (c) => c.lint, false),
    stability: stability(results),
  };
}

/**
 * The figures of each set in the results (tuned and the seven held-out sets) and of all of them, when the results
 * hold more than one set (undefined otherwise): a held-out column is what the rules do on models nobody tuned them on.
 */
export function scoreBySet(results: CaseResult[]): { name: string; scored: Scored }[] | undefined {
  const names: Record<Case['set'], string> = { tuned: 'tuned', heldout: 'held-out', heldout2: 'held-out 2', heldout3: 'held-out 3', heldout4: 'held-out 4', heldout5: 'held-out 5', heldout6: 'held-out 6', heldout7: 'held-out 7', heldout8: 'held-out 8', heldout9: 'held-out 9', heldout10: 'held-out 10', heldout11: 'held-out 11', heldout12: 'held-out 12', heldout13: 'held-out 13', heldout14: 'held-out 14', heldout15: 'held-out 15', heldout16: 'held-out 16', heldout17: 'held-out 17', heldout18: 'held-out 18', heldout19: 'held-out 19', heldout20: 'held-out 20', heldout21: 'held-out 21' };
  const sets = (Object.keys(names) as Case['set'][])
    .map((set) => ({ set, cases: results.filter((r) => r.case.set === set) }))
    .filter((s) => s.cases.length > 0);
  if (sets.length < 2) return undefined;
  return [
    ...sets.map((s) => ({ name: `${names[s.set]} (${s.cases.length})`, scored: scoreCases(s.cases) })),
    { name: `all (${results.length})`, scored: scoreCases(results) },
  ];
}

/**
 * What a user who profiles and then watches is told about one case: the profile's verdict when it alarmed (the user
 * acts on it and need not watch), else watch's when the case was watched, else the quiet profile's. A buggy case is
 * found by either; a healthy case is alarmed by either. Symptom and FAULT line come from whichever alarmed first.
 * `by` says which decided, for the per-case lists.
 */
export function profileThenWatch(profile: CaseResult, watch: CaseResult | undefined): CaseResult & { by: 'profile' | 'watch' | 'profile, not watched' } {
  if (runtimeVerdict(profile).alarm) return { ...profile, by: 'profile' };
  if (!watch) return { ...profile, by: 'profile, not watched' };
  return { ...watch, case: profile.case, lint: profile.lint, by: 'watch' };
}
