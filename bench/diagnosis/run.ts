// The diagnosis benchmark: public buggy and healthy models (bench/diagnosis/cases, each citing its
// source) through the runtime profiler (`gradient-lens profile --json`) and the static analyzer
// (`gradient-lens lint --json`) of dist/cli.js, scored against their labels. Prints the confusion
// tables (label × finding), recall, precision, false alarms per healthy model, symptom right,
// localisation, the analyzer's precision/recall per rule, and the published figures beside ours.
//
//   npm run build && node --import tsx bench/diagnosis/prepare.ts   (once: third-party data → ~/.cache)
//   node --import tsx bench/diagnosis/run.ts [--filter REGEX] [--set tuned|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18|heldout19|heldout20|heldout21] [--backend wasm|cpu|tensorflow|auto] [--steps N] [--repeat N] [--out FILE]
//     --repeat N profiles each case N times (fresh weights each time): a case is alarmed when most runs alarmed (any kind),
//     its symptom and line are what most alarmed runs gave (score.ts repeatedVerdict); the findings most runs share are listed
//   node --import tsx bench/diagnosis/run.ts --list      (the case list with sources, as a Markdown table)
//   node --import tsx bench/diagnosis/run.ts --rescore bench/results/diagnosis.json [--relint]   (the saved findings against the
//     current labels; --relint runs the static analyzer again, e.g. after a lint change, keeping the saved profiles)
//
//     --set picks the tuned cases (the rules were developed against them) or the held-out ones (`// @set heldout`:
//     ported later and scored without a rule change); with both in the run, their figures print side by side.
//
// An alarm is a finding of severity warning or error (infos and hints are not alarms). Results per case
// go to bench/results/diagnosis.json (diagnosis-filtered.json with --filter; git-ignored) for other tools to read.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SETS, inRuntimeScope, listCases, type Case } from './labels';
import { isAlarm, majority, scoreBySet, scoreCases, underSourceLabels, type CaseResult, type Finding } from './score';
import { printBugTypes, printCaseList, printReport, ratesTable, setsTable } from './report';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CASES = path.join(__dirname, 'cases');

const { values } = parseArgs({
  options: {
    filter: { type: 'string' },
    set: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string' },
    timeout: { type: 'string', default: '120' },
    repeat: { type: 'string', default: '1' },
    out: { type: 'string' },
    list: { type: 'boolean' },
    rescore: { type: 'string' },
    relint: { type: 'boolean' },
  },
});

function cli(args: string[], timeoutS: number): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: timeoutS * 1000 + 5000, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

interface ProfileJson { status?: string; steps?: unknown[]; error?: { message?: string }; probeStops?: { probe: string; reason: string; steps?: number; plannedSteps?: number; check: string }[]; findings?: { code: string; severity: string; layer?: string; file?: string; line?: number; message: string; related?: { file?: string; line?: number; kind?: string }[] }[] }
interface LintJson { files: { file: string; diagnostics: { code: string; severity: string; range: { start: { line: number } }; message: string }[] }[] }

/**
 * Related kinds that name where a finding's consumed values or its judged plan were written: the origin of a value
 * ('definition'), the inputs' tensor ('inputs') and the fit() call whose plan a verdict was judged over ('plan'). Until
 * b7c3c57 gave related sites their own kinds all three were sent as 'definition' and counted so; counting them still
 * keeps the FAULT-line figure like-for-like with earlier sessions. A layer, the targets and the compile()/fit() call as
 * the place of a fix ('call') were not counted before and are not now.
 */
const DEFINITION_KINDS = new Set(['definition', 'inputs', 'plan']);

/** The lines of the case's file where a finding's consumed values were defined (DEFINITION_KINDS): a second site shown with it. */
function definitionLines(related: NonNullable<ProfileJson['findings']>[number]['related'], file: string): Pick<Finding, 'definitions'> {
  const lines = (related ?? []).flatMap((r) => (r.kind !== undefined && DEFINITION_KINDS.has(r.kind) && r.file && path.resolve(ROOT, r.file) === file && r.line !== undefined ? [r.line] : []));
  return lines.length ? { definitions: lines } : {};
}

/** "init: budget 3/80 steps", "run: run limit (Label probe: …)": a check that stopped before it decided, short. */
const stopLabel = (s: NonNullable<ProfileJson['probeStops']>[number]) =>
  `${s.probe}: ${s.reason}${s.steps !== undefined && s.plannedSteps !== undefined ? ` ${s.steps}/${s.plannedSteps} steps` : ''}${s.probe === 'run' ? ` (${s.check.slice(0, 60)})` : ''}`;

/** "2500 at 32×": the plan preview's steps and factor, read from the finding that reports them (core/lossCurveRules.ts). */
const previewOf = (report: ProfileJson | undefined): string | undefined => {
  const words = (report?.findings ?? []).map((f) => /Previewed over the script's planned training, ([\d,]+) steps at ([\d.]+)×/.exec(f.message)).find(Boolean);
  return words ? `${words[1].replace(/,/g, '')} at ${words[2]}×` : undefined;
};

async function profile(c: Case): Promise<Pick<CaseResult, 'runtime' | 'runtimeError' | 'ms'> & { stops: string[]; steps?: number; preview?: string }> {
  const args = ['profile', path.relative(ROOT, c.file), '--json', '--backend', values.backend!, '--timeout', values.timeout!, '--fail-on', 'none'];
  if (values.steps) args.push('--steps', values.steps);
  // A case may ask for profile options of its own (e.g. a smaller batch for a conv net on wasm); its header says why.
  if (c.tags.profile) args.push(...c.tags.profile.split('(')[0].split(/\s+/).filter(Boolean));
  const run = await cli(args, Number(values.timeout));
  const report = parseJson<ProfileJson>(run.stdout);
  const stops = (report?.probeStops ?? []).map(stopLabel);
  // Step 0 is the first record; the rest are optimizer steps.
  const steps = report?.steps?.length ? report.steps.length - 1 : undefined;
  const preview = previewOf(report);
  if (!report || report.status !== 'done') {
    const why = report?.error?.message ?? (run.stderr.trim().split('\n').pop() || `exit code ${run.code}`);
    return { runtime: [], runtimeError: why.slice(0, 300), ms: run.ms, stops, steps, preview };
  }
  const runtime: Finding[] = (report.findings ?? []).map((f) => ({
    code: f.code,
    severity: f.severity,
    line: f.file && path.resolve(ROOT, f.file) === c.file ? f.line : undefined,
    layer: f.layer,
    message: f.message,
    ...definitionLines(f.related, c.file),
  }));
  return { runtime, ms: run.ms, stops, steps, preview };
}

/** Profiles a case `times` times; with more than one run, keeps the majority's findings and counts alarmed runs. */
async function profileRepeated(c: Case, times: number): Promise<Pick<CaseResult, 'runtime' | 'runtimeError' | 'ms' | 'alarmRuns' | 'runKinds' | 'runFindings' | 'probeStops' | 'profiledSteps' | 'previewSteps'>> {
  if (!(times > 1)) {
    const { stops, steps, preview, ...one } = await profile(c);
    return { ...one, probeStops: [stops], profiledSteps: [steps], previewSteps: [preview] };
  }
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await profile(c));
  const finished = runs.filter((r) => !r.runtimeError);
  const ms = runs.reduce((sum, r) => sum + r.ms, 0) / runs.length;
  const probeStops = runs.map((r) => r.stops);
  const profiledSteps = runs.map((r) => r.steps);
  const previewSteps = runs.map((r) => r.preview);
  if (finished.length === 0) return { runtime: [], runtimeError: runs[0].runtimeError, ms, probeStops, profiledSteps, previewSteps };
  const alarmed = finished.filter((r) => r.runtime.some(isAlarm)).length;
  const runKinds = finished.map((r) => [...new Set(r.runtime.filter(isAlarm).map((f) => f.code))].sort());
  return { runtime: majority(finished.map((r) => r.runtime)), ms, alarmRuns: { alarmed, runs: finished.length }, runKinds, runFindings: finished.map((r) => r.runtime), probeStops, profiledSteps, previewSteps };
}

async function lint(cases: Case[]): Promise<Map<string, Finding[]>> {
  const run = await cli(['lint', ...cases.map((c) => path.relative(ROOT, c.file)), '--json'], 120);
  const report = parseJson<LintJson>(run.stdout);
  if (!report) throw new Error(`gradient-lens lint failed (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
  const byFile = new Map<string, Finding[]>();
  for (const f of report.files) {
    byFile.set(
      path.resolve(ROOT, f.file),
      // The CLI's JSON ranges are 0-based (as in the API); FAULT lines are 1-based.
      f.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line + 1, message: d.message })),
    );
  }
  return byFile;
}

type RawResult = Omit<CaseResult, 'case'> & { id: string };

/** Scores the findings saved by an earlier run against the current labels (no model is run). */
async function rescore(cases: Case[], file: string, relinted?: Map<string, Finding[]>): Promise<void> {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { raw?: RawResult[]; date?: string; backend?: string };
  if (!saved.raw) throw new Error(`${file} holds no raw findings (written by an older run.ts): run the benchmark again.`);
  const byId = new Map(saved.raw.map((r) => [r.id, r]));
  const results = cases.flatMap((c) => {
    const r = byId.get(c.id);
    return r ? [{ ...r, case: c, lint: relinted?.get(c.file) ?? r.lint }] : [];
  });
  if (relinted) console.log('Static analyzer run again on the current build; runtime findings as saved.');
  console.log(`Rescoring ${results.length} of ${cases.length} cases from ${file} (run of ${saved.date}, backend ${saved.backend}); not in it: ${cases.filter((c) => !byId.has(c.id)).map((c) => c.id).join(', ') || 'none'}`);
  printReport(scoreCases(results));
  printUnderSourceLabels(results);
  printBySet(results);
}

/** The headline figures again with the labels the sources give, when a case's label was corrected. */
function printUnderSourceLabels(results: CaseResult[]): void {
  const asSource = underSourceLabels(results);
  if (!asSource) return;
  const relabelled = results.filter((r) => r.case.tags['source-label']).map((r) => `${r.case.id} (${r.case.tags['source-label']} → ${r.case.label})`);
  const s = scoreCases(asSource);
  console.log(`\n## Figures under the sources' labels (corrected here: ${relabelled.join(', ')}; each case's @relabel gives the evidence)\n`);
  console.log(ratesTable(s.runtime, s.lint));
}

/** The tuned set's, the held-out set's and the total figures side by side, when the run holds both sets. */
function printBySet(results: CaseResult[]): void {
  const sets = scoreBySet(results);
  if (!sets) return;
  console.log('\n## Figures by set (tuned: the rules were developed against these cases; held-out: ported afterwards, no rule changed for them)\n');
  console.log(setsTable(sets));
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) {
    console.error(`${CLI} is missing: run  npm run build  first.`);
    process.exit(2);
  }
  const filter = values.filter ? new RegExp(values.filter) : undefined;
  if (values.set && !(SETS as readonly string[]).includes(values.set)) {
    console.error(`--set ${values.set}: the sets are ${SETS.map((s) => `"${s}"`).join(', ')}.`);
    process.exit(2);
  }
  const cases = listCases(CASES).filter((c) => (!filter || filter.test(c.id)) && (!values.set || c.set === values.set));
  if (values.list) {
    printBugTypes();
    console.log();
    printCaseList(cases);
    return;
  }
  if (values.rescore) {
    await rescore(cases, values.rescore, values.relint ? await lint(cases) : undefined);
    return;
  }
  console.log(`Diagnosis benchmark${values.set ? ` (${values.set} set)` : ''}: ${cases.length} cases (${cases.filter((c) => c.label === 'buggy').length} buggy, ${cases.filter((c) => c.label === 'healthy').length} healthy), backend ${values.backend}`);
  const lintFindings = await lint(cases);
  const results: CaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    // Structural bugs have nothing for the profiler to measure: not profiled, not in the runtime figures.
    const run = inRuntimeScope(c) ? await profileRepeated(c, Number(values.repeat)) : { runtime: [], ms: 0 };
    const result: CaseResult = { case: c, lint: lintFindings.get(c.file) ?? [], ...run };
    results.push(result);
    const codes = result.runtime.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code);
    console.log(`  [${i + 1}/${cases.length}] ${c.id.padEnd(34)} ${(run.ms / 1000).toFixed(1).padStart(5)} s  ${!inRuntimeScope(c) ? '(structural: static only)' : result.runtimeError ? `RUN FAILED: ${result.runtimeError}` : codes.join(', ') || '—'}${result.runKinds ? `  (alarm in ${result.alarmRuns!.alarmed}/${result.alarmRuns!.runs} runs; kinds per run: ${result.runKinds.map((k) => k.join('+') || '—').join(' | ')})` : ''}${result.profiledSteps?.length ? `  steps ${result.profiledSteps.map((n) => n ?? '—').join('|')}` : ''}${result.previewSteps?.some(Boolean) ? `  preview ${result.previewSteps.map((p) => p ?? '—').join(' | ')}` : ''}${result.probeStops?.some((r) => r.length) ? `  [probe stopped: ${result.probeStops.map((r) => r.join('; ') || '—').join(' | ')}]` : ''}`);
  }
  const scored = scoreCases(results);
  printReport(scored);
  printUnderSourceLabels(results);
  printBySet(results);
  // A filtered run must not overwrite the full run's results that --rescore and other tools read.
  const out = values.out ?? path.join(ROOT, 'bench', 'results', filter ? 'diagnosis-filtered.json' : values.set ? `diagnosis-${values.set}.json` : 'diagnosis.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const raw: RawResult[] = results.map(({ case: c, ...rest }) => ({ id: c.id, ...rest }));
  fs.writeFileSync(out, JSON.stringify({ backend: values.backend, date: new Date().toISOString(), ...scored, raw }, null, 1));
  console.log(`\nPer-case results: ${path.relative(process.cwd(), out)}`);
}

void main();
