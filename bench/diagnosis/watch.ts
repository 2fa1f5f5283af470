// The diagnosis benchmark's watch lane: each case's own training (its fit/fitDataset/trainOnBatch plan) run by
// `gradient-lens watch --json` of dist/cli.js — the CLI's host client and runner, as a user gets them — bounded by
// steps and time, and its whole-run findings scored by the profile's scorer (score.ts: label × finding, found,
// symptom right, FAULT line, healthy alarmed). docs/watch-benchmark.md says what the figures mean.
//
//   npm run build && node --import tsx bench/diagnosis/watch.ts --out /tmp/w.json [--set tuned|heldout…heldout6]
//     [--filter REGEX] [--label healthy|buggy] [--max-steps N] [--time S] [--repeat N] [--beside PROFILE.json]
//   node --import tsx bench/diagnosis/watch.ts --rescore /tmp/w.json [--beside PROFILE.json] [--set …] [--label …]
//
// Bound: a run stops after --max-steps optimizer steps (default 300) or --time seconds (default 30, module loading
// and data included), whichever comes first; the loss-curve rules weigh a cut run against the script's planned steps
// (docs/watch.md). --beside prints the profile's figures (run.ts --out) on the same cases next to watch's.
// The seventh held-out set (`// @set heldout7`), the eighth to twenty-first (`// @set heldout8` … `heldout21`: blind sets) are never
// read, run or printed (the seventh stays out so that the watch benchmark's figures keep the cases they were measured on).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { inRuntimeScope, readCase, SETS, type Case } from './labels';
import { isAlarm, majority, profileThenWatch, runtimeVerdict, scoreCases, type CaseResult, type Finding } from './score';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CASES = path.join(__dirname, 'cases');

const { values } = parseArgs({
  options: {
    filter: { type: 'string' },
    set: { type: 'string' },
    label: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    'max-steps': { type: 'string', default: '300' },
    time: { type: 'string', default: '30' },
    repeat: { type: 'string', default: '1' },
    out: { type: 'string' },
    rescore: { type: 'string' },
    beside: { type: 'string' },
  },
});

/** How a watched run went, beside its findings: what the bound cut and what the script planned. */
interface RunFacts { steps: number; planned?: number; epochs: number; partial: boolean; ended: string; losses?: number[] }
type WatchResult = CaseResult & { runs?: RunFacts[] };
type RawResult = Omit<WatchResult, 'case'> & { id: string };

/** The cases outside held-out 7 and the blind sets (8 to 12): their files are skipped on their header line before anything reads them. */
function listCases(): Case[] {
  return fs
    .readdirSync(CASES)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .filter((name) => !/^\/\/ @set heldout([789]|1[0123456789]|20)\b/m.test(fs.readFileSync(path.join(CASES, name), 'utf8')))
    .map((name) => readCase(path.join(CASES, name)));
}

interface WatchJson {
  status?: string;
  partial?: boolean;
  stepCount?: number;
  totalSteps?: number;
  epochs?: unknown[];
  error?: { kind?: string; message?: string };
  findings?: { code: string; severity: string; layer?: string; file?: string; line?: number; message: string }[];
  timeline?: { loss: number; stepEnd?: number }[];
}

function watchOnce(c: Case): Promise<{ findings?: Finding[]; error?: string; facts?: RunFacts; ms: number }> {
  // A case's own backend choice (e.g. cpu: wasm has no kernel for an embedding's gradient) holds for watch too;
  // its --batch does not: watch trains on the script's own batches.
  const backend = /--backend\s+(\S+)/.exec(c.tags.profile?.split('(')[0] ?? '')?.[1] ?? values.backend!;
  const args = [CLI, 'watch', path.relative(ROOT, c.file), '--json', '--backend', backend, '--max-steps', values['max-steps']!, '--timeout', values.time!, '--fail-on', 'none', '--every', '50'];
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: (Number(values.time) + 30) * 1000, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      const ms = Date.now() - start;
      let report: WatchJson | undefined;
      try {
        report = JSON.parse(stdout) as WatchJson;
      } catch {
        report = undefined;
      }
      // A run the bound stopped is judged on the steps it recorded (partial); one that recorded none is a failed run.
      if (!report || !report.stepCount) {
        const why = report?.error?.message ?? (stderr.trim().split('\n').pop() || `exit code ${error?.code ?? '?'}`);
        resolve({ error: why.slice(0, 300), ms });
        return;
      }
      const findings = (report.findings ?? []).map((f) => ({ code: f.code, severity: f.severity, layer: f.layer, message: f.message, line: f.file && path.resolve(ROOT, f.file) === c.file ? f.line : undefined }));
      const ended = report.status === 'done' ? 'its end' : report.error?.kind === 'cancelled' ? 'the time bound' : `${report.error?.kind ?? 'failed'}`;
      const maxed = report.status === 'done' && report.stepCount === Number(values['max-steps']) ? 'the step bound' : ended;
      // The per-step losses while the timeline holds every step (no merged points): a rule change can be replayed on them.
      const timeline = report.timeline ?? [];
      const losses = timeline.length === report.stepCount && timeline.every((p) => p.stepEnd === undefined) ? timeline.map((p) => p.loss) : undefined;
      resolve({ findings, ms, facts: { steps: report.stepCount, planned: report.totalSteps || undefined, epochs: report.epochs?.length ?? 0, partial: report.partial ?? false, ended: maxed, losses } });
    });
  });
}

async function watchCase(c: Case, times: number): Promise<Omit<WatchResult, 'case' | 'lint'>> {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await watchOnce(c));
  const ms = runs.reduce((s, r) => s + r.ms, 0) / runs.length;
  const finished = runs.filter((r) => r.findings);
  if (finished.length === 0) return { runtime: [], runtimeError: runs[0].error, ms };
  const facts = finished.map((r) => r.facts!);
  if (times === 1) return { runtime: finished[0].findings!, ms, runs: facts };
  const runKinds = finished.map((r) => [...new Set(r.findings!.filter(isAlarm).map((f) => f.code))].sort());
  return { runtime: majority(finished.map((r) => r.findings!)), runFindings: finished.map((r) => r.findings!), ms, runs: facts, runKinds, alarmRuns: { alarmed: runKinds.filter((k) => k.length).length, runs: finished.length } };
}

function line(i: number, n: number, r: WatchResult): string {
  const codes = r.runtime.filter(isAlarm).map((f) => `${f.code}${f.line ? `@${f.line}` : ''}`);
  const run = r.runs?.[0];
  const how = run ? `${run.steps}${run.planned ? `/${run.planned}` : ''} steps, ${run.epochs} ep, to ${run.ended}` : '';
  return `  [${i + 1}/${n}] ${r.case.id.padEnd(30)} ${r.case.label.padEnd(7)} ${(r.ms / 1000).toFixed(1).padStart(5)} s  ${how.padEnd(40)} ${r.runtimeError ? `RUN FAILED: ${r.runtimeError}` : codes.join(', ') || '—'}`;
}

/** One line of figures: found, healthy alarmed, symptom and line of the found (score.ts's scorer). */
function figures(r: CaseResult[]): string {
  const s = scoreCases(r).runtime;
  return `${s.detected}/${s.buggy} found, ${s.healthyAlarmed}/${s.healthy} healthy alarmed, symptom ${s.symptom}/${s.detected}, line ${s.localised}/${s.detected}${s.failed ? `, ${s.failed} failed` : ''}`;
}

/**
 * Watch's figures by set, and with a profile run (--beside) the profile's on the same cases and what a user who
 * profiles and then watches gets (score.ts profileThenWatch: found by either, healthy alarmed by either) — on the
 * watched cases, and on every case of the set the profile ran (watch needed only where the profile was quiet).
 */
function printFigures(results: WatchResult[], cases: Case[]): void {
  const saved = values.beside ? (JSON.parse(fs.readFileSync(values.beside, 'utf8')) as { raw: RawResult[] }) : undefined;
  const byId = new Map((saved?.raw ?? []).map((r) => [r.id, r]));
  const profiledOf = (c: Case): CaseResult | undefined => (byId.has(c.id) ? { ...byId.get(c.id)!, case: c } : undefined);
  const profiled: CaseResult[] = results.flatMap((r) => profiledOf(r.case) ?? []);
  const either = (w: WatchResult[]) => w.flatMap((r) => { const p = profiledOf(r.case); return p ? [profileThenWatch(p, r)] : []; });
  console.log(`\n## Watch${saved ? ` beside the profile (${values.beside}) on the same cases` : ''}\n\n| set | watch |${saved ? ' profile | profile, then watch |' : ''}\n|---|---|${saved ? '---|---|' : ''}`);
  const row = (name: string, w: WatchResult[]) => console.log(`| ${name} | ${figures(w)} |${saved ? ` ${figures(profiled.filter((p) => w.some((x) => x.case.id === p.case.id)))} | ${figures(either(w))} |` : ''}`);
  for (const set of SETS) {
    const w = results.filter((r) => r.case.set === set);
    if (w.length) row(`${set} (${w.length})`, w);
  }
  row(`all (${results.length})`, results);
  const alarmed = (r: CaseResult | undefined) => Boolean(r && runtimeVerdict(r).alarm);
  const ids = (keep: (r: WatchResult) => boolean) => results.filter(keep).map((r) => r.case.id).join(', ') || 'none';
  console.log(`\nHealthy alarmed by watch: ${ids((r) => r.case.label === 'healthy' && alarmed(r))}`);
  if (!saved) return;
  console.log(`Healthy alarmed by the profile, not by watch: ${ids((r) => r.case.label === 'healthy' && !alarmed(r) && alarmed(profiledOf(r.case)))}`);
  console.log(`Buggy found by watch, not by the profile: ${ids((r) => r.case.label === 'buggy' && alarmed(r) && !alarmed(profiledOf(r.case)))}`);
  console.log(`Buggy found by the profile, not by watch: ${ids((r) => r.case.label === 'buggy' && !alarmed(r) && alarmed(profiledOf(r.case)))}`);
  // The whole set as the profile ran it: a user watches only where the profile was quiet, so watch results are needed
  // for those cases alone; a quiet case without a watch run keeps the profile's verdict and is counted as not watched.
  const watched = new Map(results.map((r) => [r.case.id, r]));
  console.log(`\n## Profile, then watch where the profile was quiet — every case of each set in ${values.beside}\n\n| set | profile | profile, then watch | quiet under the profile, not watched |\n|---|---|---|---|`);
  const whole = cases.flatMap((c) => profiledOf(c) ?? []);
  const setRow = (name: string, ps: CaseResult[]) => {
    const combined = ps.map((p) => profileThenWatch(p, watched.get(p.case.id)));
    const missing = combined.filter((c) => c.by === 'profile, not watched').map((c) => c.case.id);
    console.log(`| ${name} | ${figures(ps)} | ${figures(combined)} | ${missing.length}${missing.length ? `: ${missing.join(', ')}` : ''} |`);
  };
  for (const set of SETS) {
    const ps = whole.filter((p) => p.case.set === set);
    if (ps.length) setRow(`${set} (${ps.length})`, ps);
  }
  if (new Set(whole.map((p) => p.case.set)).size > 1) setRow(`all (${whole.length})`, whole);
}

async function main(): Promise<void> {
  const filter = values.filter ? new RegExp(values.filter) : undefined;
  if (values.set && !(SETS as readonly string[]).includes(values.set)) throw new Error(`--set ${values.set}: the sets are ${SETS.join(', ')}`);
  const cases = listCases().filter((c) => inRuntimeScope(c) && (!filter || filter.test(c.id)) && (!values.set || c.set === values.set) && (!values.label || c.label === values.label));
  if (values.rescore) {
    const saved = JSON.parse(fs.readFileSync(values.rescore, 'utf8')) as { raw: RawResult[] };
    const byId = new Map(saved.raw.map((r) => [r.id, r]));
    printFigures(cases.flatMap((c) => (byId.has(c.id) ? [{ ...byId.get(c.id)!, case: c }] : [])), cases);
    return;
  }
  if (!values.out) throw new Error('--out FILE is required (the per-case results; --rescore reads them).');
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run  npm run build  first.`);
  console.log(`Watch lane: ${cases.length} cases, backend ${values.backend}, bound ${values['max-steps']} steps / ${values.time} s a run, ${values.repeat} run(s) a case`);
  const results: WatchResult[] = [];
  for (const [i, c] of cases.entries()) {
    const result: WatchResult = { case: c, lint: [], ...(await watchCase(c, Number(values.repeat))) };
    results.push(result);
    console.log(line(i, cases.length, result));
    // Written after every case: a long pass cut short keeps what it measured.
    const raw: RawResult[] = results.map(({ case: k, ...rest }) => ({ id: k.id, ...rest }));
    fs.writeFileSync(values.out, JSON.stringify({ lane: 'watch', backend: values.backend, maxSteps: Number(values['max-steps']), time: Number(values.time), date: new Date().toISOString(), raw }, null, 1));
  }
  printFigures(results, cases);
  console.log(`\nPer-case results: ${values.out}`);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});
