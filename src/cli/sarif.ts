// SARIF 2.1.0 logs of the CLI (`lint --sarif`, `watch --format sarif`): one document shape for every command — the
// tool, its rules (with their documentation page), results with physical locations relative to SRCROOT (the working
// directory) and notifications for what stopped the tool. test/runner validates both commands' output against the
// SARIF 2.1.0 schema (test/schemas).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ProbeStop, Severity } from '../core/protocol';
import { probeStopText } from '../core/probeStops';
import type { ReportFinding } from '../core/report';
import type { CreationFrame } from '../core/protocol';
import { findingSite, findingText, helperSites, relatedSites, REPOSITORY_URL, ruleDocUrl } from '../core/findingSites';

export const SARIF_LEVEL: Record<Severity | 'hint', Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A file relative to the working directory (SRCROOT) when it is inside it, else its file: URI. */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? { uri: pathToFileURL(file).href } : { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

export function packageVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gradient-lens' && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return '0.0.0';
}

/** The one SARIF log shape: a single run of gradient-lens with these rules, results and invocation. */
export function sarifLog(rules: Sarif.ReportingDescriptor[], results: Sarif.Result[], invocation: Sarif.Invocation): Sarif.Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gradient-lens', version: packageVersion(), informationUri: REPOSITORY_URL, rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(process.cwd() + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation],
        results,
      },
    ],
  };
}

/** A line (and column) as a SARIF region: 1-based, as our locations are. */
const lineRegion = (line: number, column?: number): Sarif.Region => ({ startLine: line, ...(column ? { startColumn: column } : {}) });

/** Where a run failed: the error's own line (a syntax error, the throwing line) when it has one, else the model file. */
function errorLocation(file: string, at: { file: string; line: number; column?: number } | undefined): Sarif.PhysicalLocation {
  return at ? { artifactLocation: artifactLocation(at.file), region: lineRegion(at.line, at.column) } : { artifactLocation: artifactLocation(file) };
}

/**
 * A run's findings (a watched run, or a profile) as a SARIF log: each at the line the editor's Problems panel shows it
 * (core/findingSites.ts), with the same text; a finding with no line of its own at the model file; as related
 * locations the related layers, the definitions of the values its line consumed, and — for a layer placed on the line
 * that called the user's helper — where the helper made it (the hover's "made by dense() at line 4"); the step and
 * layer as properties. A run that failed or stopped early is an unsuccessful invocation; a check after the profiled
 * steps that stopped before it decided is a note among the invocation's notifications (its finding is absent, not passed).
 */
export function runSarif(report: { file: string; layers: { name: string; file?: string; line?: number; column?: number; via?: CreationFrame[] }[]; findings: ReportFinding[]; status: string; partial: boolean; probeStops?: ProbeStop[]; backend?: string; error?: { kind: string; message: string; location?: { file: string; line: number; column?: number } } }, watch: boolean): Sarif.Log {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = report.findings.flatMap((f): Sarif.Result[] => {
    const site = findingSite(report.layers, f);
    if (site.lineless) return [];
    const related = [...relatedSites(report.layers, f), ...helperSites(report.layers, f, (file) => path.relative(process.cwd(), file) || file)];
    return [
      {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code),
        level: SARIF_LEVEL[f.severity],
        message: { text: findingText(f, watch) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(site.file ?? report.file), ...(site.line !== undefined ? { region: lineRegion(site.line, site.column) } : {}) } }],
        ...(related.length ? { relatedLocations: related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: artifactLocation(r.file), region: lineRegion(r.line, r.column) }, properties: { kind: r.kind } })) } : {}),
        properties: { ...(f.step !== undefined ? { step: f.step } : {}), ...(f.layer ? { layer: f.layer } : {}), ...(f.phase ? { phase: f.phase } : {}) },
      },
    ];
  });
  const failed = report.status === 'failed' || report.partial;
  const notifications: Sarif.Notification[] = [
    ...(report.error ? [{ level: report.partial ? 'warning' : 'error', message: { text: `${report.partial ? 'Stopped early (partial run)' : 'The run failed'} (${report.error.kind}): ${report.error.message}` }, locations: [{ physicalLocation: errorLocation(report.file, report.error.location) }] } satisfies Sarif.Notification] : []),
    ...(report.probeStops ?? []).map((stop) => ({ level: 'note', descriptor: { id: `probe-stopped/${stop.probe}` }, message: { text: probeStopText(stop, report.backend) }, locations: [{ physicalLocation: errorLocation(report.file, undefined) }] }) satisfies Sarif.Notification),
  ];
  return sarifLog(
    codes.map((c) => ({ id: c, name: c, helpUri: ruleDocUrl(c) })),
    results,
    { executionSuccessful: !failed, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) },
  );
}
