// Are the verdicts on real projects right? Profiles every corpus case that profiles (wasm, the profile's own
// defaults, as a user would run it), collects its warning and error findings, and sets them beside the
// judgements written down in verdicts-judged.json (does the project train on its own plan, is each finding true
// of the code, and the evidence). Prints the false-alarm rate: projects that train well yet get a warning.
// Not a test (CI cannot fetch the repositories): it prints figures.
//   npm run build && node --import tsx bench/realworld/verdicts.ts [--case NAME]... [--batch N] [--json FILE] [--from FILE]
//   (--cli another build's dist/cli.js, e.g. main's, for a before/after side by side; --from prints a saved --json again;
//   --static judges the static analyzer's warnings on the same files instead: `gradient-lens lint`, nothing run)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { loadCorpus, type Case } from './manifest';
import { ensureWorkspace } from './rebuild';
import { runCli } from './run';
import { spawnSync } from 'node:child_process';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** The CLI's JSON flattens a finding's location into file/line. */
interface ReportFinding { code: string; severity: string; message: string; file?: string; line?: number }
interface ProfileDoc { status?: string; partial?: boolean; findings?: ReportFinding[]; error?: { message: string }; dataSource?: string; lossNote?: string }

export interface CaseFindings {
  name: string;
  /** Undefined when the profile produced no report or no profile (the failure says why). */
  findings?: { code: string; severity: string; where: string; message: string }[];
  /** fit (the script's own data), sampleBatch, synthetic (random data shaped for the model). */
  data?: string;
  /** Set when the file never compiled the model and the profiler did (its own loss and Adam 1e-3). */
  compiledByProfiler?: boolean;
  failure?: string;
  seconds: number;
}

const Judgement = v.object({
  /** Does the project train on its own plan (its README's result, a watch run, train.ts)? */
  trains: v.picklist(['yes', 'no', 'unclear', 'no-plan']),
  evidence: v.pipe(v.string(), v.minLength(10)),
  /** Per finding code: is it true of the code? */
  findings: v.optional(v.record(v.string(), v.object({ verdict: v.picklist(['true', 'false', 'unclear']), why: v.pipe(v.string(), v.minLength(10)) }))),
});
export const JUDGED = path.join(__dirname, 'verdicts-judged.json');

export function loadJudgements(file = JUDGED): Record<string, v.InferOutput<typeof Judgement>> {
  if (!fs.existsSync(file)) return {};
  return v.parse(v.record(v.string(), Judgement), JSON.parse(fs.readFileSync(file, 'utf8')));
}

const ALARM = new Set(['warning', 'error']);

async function profile(c: Case, cliPath?: string): Promise<CaseFindings> {
  const ws = ensureWorkspace(c);
  if (!ws.ok) return { name: c.name, failure: `skipped: ${ws.reason}`, seconds: 0 };
  const timeout = c.timeout ?? 150;
  const args = ['profile', ws.file, '--json', '--backend', 'wasm', '--fail-on', 'none', '--timeout', String(timeout - 15), ...(c.cliArgs ?? [])];
  const started = Date.now();
  const run = await runCli(args, ws.root, timeout * 1000, cliPath);
  const seconds = (Date.now() - started) / 1000;
  const start = run.stdout.indexOf('{\n');
  let doc: ProfileDoc | undefined;
  try {
    doc = start >= 0 ? (JSON.parse(run.stdout.slice(start)) as ProfileDoc) : undefined;
  } catch {
    doc = undefined;
  }
  if (!doc || run.timedOut) return { name: c.name, failure: run.timedOut ? `timeout after ${timeout} s` : `no report (exit ${run.code})`, seconds };
  // A profile cut short keeps what it measured (partial), judged like a finished one.
  const profiled = doc.status === 'done' || doc.partial === true;
  if (!profiled) return { name: c.name, failure: doc.error?.message ?? `status ${doc.status}`, seconds };
  const findings = (doc.findings ?? []).map((f) => ({
    code: f.code,
    severity: f.severity,
    where: f.file ? `${path.relative(ws.root, f.file)}:${f.line}` : '',
    message: f.message,
  }));
  return { name: c.name, findings, data: doc.dataSource, compiledByProfiler: doc.lossNote !== undefined || undefined, failure: doc.error?.message, seconds };
}

interface LintDoc { files: { file: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } } }[] }[] }

/** The static analyzer's findings on the same file (nothing is run): what a user sees inline while editing. */
function lint(c: Case): CaseFindings {
  const ws = ensureWorkspace(c);
  if (!ws.ok) return { name: c.name, failure: `skipped: ${ws.reason}`, seconds: 0 };
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, 'lint', ws.file, '--json'], { cwd: ws.root, encoding: 'utf8', timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  let doc: LintDoc;
  try {
    doc = JSON.parse(run.stdout) as LintDoc;
  } catch {
    return { name: c.name, failure: `no lint report (exit ${run.status})`, seconds };
  }
  const findings = doc.files.flatMap((f) =>
    f.diagnostics.map((d) => ({ code: d.code, severity: d.severity, where: `${path.relative(ws.root, path.resolve(ws.root, f.file))}:${d.range.start.line + 1}`, message: d.message })),
  );
  return { name: c.name, findings, seconds };
}

/** The figures: of the projects judged to train on their own plan, how many get a warning, and how many of those are false. */
export function summarize(results: CaseFindings[], judged: ReturnType<typeof loadJudgements>, done = 'profiled'): string[] {
  const profiled = results.filter((r) => r.findings);
  const alarmed = profiled.filter((r) => r.findings!.some((f) => ALARM.has(f.severity)));
  const trains = profiled.filter((r) => judged[r.name]?.trains === 'yes');
  const trainsAlarmed = trains.filter((r) => alarmed.includes(r));
  const falseAlarmed = trainsAlarmed.filter((r) =>
    r.findings!.some((f) => ALARM.has(f.severity) && judged[r.name]?.findings?.[f.code]?.verdict === 'false'),
  );
  const alarms = profiled.flatMap((r) => r.findings!.filter((f) => ALARM.has(f.severity)).map((f) => judged[r.name]?.findings?.[f.code]?.verdict ?? 'unjudged'));
  const count = (x: string) => alarms.filter((a) => a === x).length;
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)} %` : '–');
  return [
    `${profiled.length}/${results.length} ${done}; ${alarmed.length} with a warning or error finding`,
    `warning/error findings: ${alarms.length} — judged true ${count('true')}, false ${count('false')}, unclear ${count('unclear')}, unjudged ${count('unjudged')}`,
    `projects that train on their own plan: ${trains.length}; warned ${trainsAlarmed.length} (${pct(trainsAlarmed.length, trains.length)}); ` +
      `with a false warning ${falseAlarmed.length} (${pct(falseAlarmed.length, trains.length)}): ${falseAlarmed.map((r) => r.name).join(', ') || 'none'}`,
  ];
}

function printCase(r: CaseFindings, judged: ReturnType<typeof loadJudgements>) {
  const j = judged[r.name];
  const how = [r.data && `data: ${r.data}`, r.compiledByProfiler && 'compiled by the profiler'].filter(Boolean).join(', ');
  console.log(`${r.name} (${r.seconds.toFixed(0)} s${how ? `; ${how}` : ''})${j ? ` — trains: ${j.trains}` : ''}${r.failure ? ` — ${r.failure.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
  for (const f of r.findings ?? []) {
    const verdict = ALARM.has(f.severity) ? ` [${j?.findings?.[f.code]?.verdict ?? 'unjudged'}]` : '';
    console.log(`  ${f.severity.padEnd(7)} ${f.code.padEnd(20)} ${f.where.padEnd(28)}${verdict} ${f.message.replace(/\s+/g, ' ').slice(0, 180)}`);
  }
}

async function main() {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true }, batch: { type: 'string' }, json: { type: 'string' }, from: { type: 'string' }, cli: { type: 'string' }, static: { type: 'boolean', default: false } } });
  const judged = loadJudgements();
  const cases = loadCorpus().filter(
    (c) => c.expect.profiles && (!values.case || values.case.includes(c.name)) && (!values.batch || String(c.batch ?? 1) === values.batch),
  );
  const results: CaseFindings[] = [];
  if (values.from) {
    const saved = JSON.parse(fs.readFileSync(values.from, 'utf8')) as CaseFindings[];
    results.push(...saved.filter((r) => cases.some((c) => c.name === r.name)));
    results.forEach((r) => printCase(r, judged));
  } else {
    for (const c of cases) {
      const r = values.static ? lint(c) : await profile(c, values.cli && path.resolve(values.cli));
      printCase(r, judged);
      results.push(r);
      if (values.json) fs.writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n'); // partial results survive a kill
    }
  }
  console.log('');
  for (const line of summarize(results, judged, values.static ? 'linted' : 'profiled')) console.log(line);
}

if (require.main === module) void main();
