// Inline warnings while editing: the static analyzer (src/core/lint) on every open JS/TS document that
// uses TensorFlow.js, re-run per document shortly after the user stops typing. It executes nothing, so it
// stays on in untrusted workspaces. It has a collection of its own: the runtime findings of the last
// profile (diagnostics.ts) are rebuilt from the results store and would wipe these otherwise; the two
// kinds stand side by side under the same source and are told apart by their codes and doc links.
// When the document was profiled, its warnings carry the run's measurements (core/lint/evidence.ts): the
// results store is read on every analysis, and a runtime finding a warning absorbed is left out of the
// runtime collection (isAbsorbed), so one cause shows once.
import * as vscode from 'vscode';
import type * as Analyzer from '../core/lint';
import type { LintDiagnostic, LintLevel, LintOptions, LintRange, LintResult, LintSeverity, ProfileEvidence } from '../core/lint';
import type { ReportFinding } from '../core/report';
import { LINT_DEFAULTS } from '../core/defaults';
import { DIAGNOSTIC_SOURCE } from './constants';
// Types only: the web extension bundles this file and has no results store (nor Node's path module).
import type { ResultEntry, ResultsStore } from './resultsStore';

/**
 * Returns the analyzer module (src/core/lint), called on each use: the desktop extension loads its own
 * bundle on first use (see extension.ts), the web extension has it built in.
 */
export type AnalyzerLoader = () => typeof Analyzer;

/** .js .mjs .cjs are 'javascript' documents, .ts .mts .cts 'typescript' ones. */
const LANGUAGES = ['javascript', 'typescript'];
/**
 * Where user documents live: on disk, unsaved, and the schemes under which a browser-worker extension host
 * sees them (vscode-remote: a remote or code-server folder; vscode-vfs: github.dev / Remote Repositories).
 */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];
export const LINT_SELECTOR: vscode.DocumentFilter[] = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
const DEBOUNCE_MS = 250;
/**
 * Larger documents are not analyzed: the analysis runs on the extension host's thread and takes ~1 s per
 * MB (a bundled tf.js); hand-written model files are far below this (5,000 lines ≈ 200 KB).
 */
export const MAX_LINT_CHARS = 500_000;

const SEVERITY: Record<LintSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface LintSettings {
  enabled: boolean;
  options: LintOptions;
  /** One message per setting value that was ignored. */
  problems: string[];
}

/** gradientLens.lint.*, validated: a bad entry is reported and ignored, the rest still applies. */
export function readLintSettings(analyzer: typeof Analyzer, scope?: vscode.Uri): LintSettings {
  const { LINT_CODES, LINT_LEVELS } = analyzer;
  const c = vscode.workspace.getConfiguration('gradientLens.lint', scope);
  const problems: string[] = [];
  const rules: Record<string, LintLevel> = {};
  const configured = c.get<unknown>('rules');
  if (configured !== undefined && (typeof configured !== 'object' || configured === null || Array.isArray(configured))) {
    problems.push(`gradientLens.lint.rules must be an object of rule code → level, got ${JSON.stringify(configured)}; ignored`);
  } else {
    for (const [code, level] of Object.entries((configured ?? {}) as Record<string, unknown>)) {
      if (!LINT_CODES.includes(code)) problems.push(`gradientLens.lint.rules: unknown rule "${code}" ignored (known: ${LINT_CODES.join(', ')})`);
      else if (!LINT_LEVELS.includes(level as LintLevel)) problems.push(`gradientLens.lint.rules["${code}"]: ${JSON.stringify(level)} is not one of ${LINT_LEVELS.join(', ')}; ignored`);
      else rules[code] = level as LintLevel;
    }
  }
  let deepStackMin = LINT_DEFAULTS.deepStackMin;
  const depth = c.get<unknown>('deepStackMin');
  if (typeof depth === 'number' && Number.isInteger(depth) && depth >= 2) deepStackMin = depth;
  else if (depth !== undefined) problems.push(`gradientLens.lint.deepStackMin must be an integer ≥ 2, got ${JSON.stringify(depth)}; using ${LINT_DEFAULTS.deepStackMin}`);
  return { enabled: c.get<boolean>('enabled') !== false, options: { rules, deepStackMin }, problems };
}

/** JS/TS documents the user writes: not installed packages (node_modules), which they do not edit. */
export function isLintable(document: vscode.TextDocument): boolean {
  return LANGUAGES.includes(document.languageId) && SCHEMES.includes(document.uri.scheme) && !document.uri.path.includes('/node_modules/');
}

/** The name the parser sees: the file's own when it has a JS/TS extension, else one implied by the language. */
function parserFileName(analyzer: typeof Analyzer, document: vscode.TextDocument): string {
  const name = document.fileName;
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if ((analyzer.LINT_EXTENSIONS as readonly string[]).includes(ext)) return name;
  return `${name}${document.languageId === 'typescript' ? '.ts' : '.js'}`;
}

export function toVsRange(document: vscode.TextDocument, range: LintRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start.offset), document.positionAt(range.end.offset));
}

export function toVsDiagnostic(document: vscode.TextDocument, lint: LintDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(document, lint.range), lint.message, SEVERITY[lint.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: lint.code, target: vscode.Uri.parse(lint.docUrl) };
  if (lint.related?.length) {
    diagnostic.relatedInformation = lint.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toVsRange(document, r.range)), r.message),
    );
  }
  return diagnostic;
}

/**
 * The last profile's measurements of the layers created in `document`: from its own entry when it was
 * profiled, else from an entry whose model it helps build. Layers on lines edited since the run are stale.
 */
function evidenceFor(store: ResultsStore, document: vscode.TextDocument): ProfileEvidence<ReportFinding> | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  const file = store.keyOf(document.uri);
  const inFile = (entry: ResultEntry) => entry.report.layers.some((l) => l.file === file && l.line !== undefined);
  const own = store.get(file);
  const entry = own && inFile(own) ? own : store.all().find(inFile);
  if (!entry || entry.report.status !== 'done') return undefined;
  const layers = entry.report.layers
    .filter((l) => l.file === file && l.line !== undefined)
    .map((l) => ({ name: l.name, line: l.line!, column: l.column, gradNorm: l.gradNorm, stale: store.isStale(entry, file, l.line!) }));
  return { layers, findings: entry.report.findings };
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
  if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
  return undefined;
}

export class LintDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gradient-lens-lint');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last analysis of each document and the text it read (quick fixes reuse it while the text is unchanged). */
  private readonly results = new Map<string, { text: string; result: LintResult }>();
  private readonly reported = new Set<string>();
  /** Per document: the runtime findings its warnings show (absorbed), so the runtime view leaves them out. */
  private readonly absorbed = new Map<string, Set<ReportFinding>>();
  private readonly absorbedChanged = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly initialRun: ReturnType<typeof setTimeout>;
  /** Fires when the set of absorbed runtime findings changes. */
  readonly onDidChangeAbsorbed = this.absorbedChanged.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly loadAnalyzer: AnalyzerLoader,
    private readonly store?: ResultsStore,
  ) {
    this.subscriptions = [
      // A new profile, a cleared one, or lines gone stale: the evidence of the documents it touches changed.
      ...(store
        ? [
            store.onDidChange((change) => {
              const files = new Set(change.files);
              for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === 'file' && files.has(store.keyOf(document.uri))) this.schedule(document);
            }),
          ]
        : []),
      vscode.workspace.onDidOpenTextDocument((document) => this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // Closing its last tab closes a document for the user; VS Code may keep it open for a while longer.
      vscode.window.tabGroups.onDidChangeTabs((event) => this.tabsChanged(event)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('gradientLens.lint')) return;
        this.results.clear();
        this.reported.clear();
        this.publishAll();
      }),
    ];
    // After activate() returns: the documents already open (the one that activated us) load the analyzer.
    this.initialRun = setTimeout(() => this.publishAll(), 0);
  }

  /**
   * The analysis of the document as it is now (from the last run when the text is unchanged), or
   * undefined when the document is not linted (not JS/TS, too large, or linting is disabled for it).
   */
  resultFor(document: vscode.TextDocument): LintResult | undefined {
    const result = this.analysisOf(document);
    const evidence = result?.usesTfjs && result.diagnostics.length > 0 && this.store ? evidenceFor(this.store, document) : undefined;
    if (!result || !evidence) {
      this.setAbsorbed(document.uri, []);
      return result;
    }
    const outcome = this.loadAnalyzer().applyEvidence(result.diagnostics, evidence, document.getText());
    this.setAbsorbed(document.uri, outcome.absorbed);
    return { ...result, diagnostics: outcome.diagnostics };
  }

  /** Whether a warning of an open document shows this runtime finding (the runtime view then leaves it out). */
  isAbsorbed(finding: ReportFinding): boolean {
    for (const set of this.absorbed.values()) if (set.has(finding)) return true;
    return false;
  }

  private setAbsorbed(uri: vscode.Uri, findings: ReportFinding[]): void {
    const key = uri.toString();
    const before = this.absorbed.get(key);
    if ((before?.size ?? 0) === findings.length && findings.every((f) => before!.has(f))) return;
    if (findings.length) this.absorbed.set(key, new Set(findings));
    else this.absorbed.delete(key);
    this.absorbedChanged.fire();
  }

  /** The static analysis alone (from the last run when the text is unchanged). */
  private analysisOf(document: vscode.TextDocument): LintResult | undefined {
    if (!isLintable(document)) return undefined;
    const key = document.uri.toString();
    const text = document.getText();
    const cached = this.results.get(key);
    if (cached?.text === text) return cached.result;
    const analyzer = this.loadAnalyzer();
    const settings = readLintSettings(analyzer, document.uri);
    this.reportProblems(settings.problems);
    if (!settings.enabled) return undefined;
    if (text.length > MAX_LINT_CHARS) {
      this.reportProblems([`${document.uri.fsPath || document.uri.toString()}: no inline warnings, the document is over the analyzer's limit of ${MAX_LINT_CHARS} characters`]);
      return undefined;
    }
    const result = analyzer.lintSource(text, parserFileName(analyzer, document), settings.options);
    this.results.set(key, { text, result });
    return result;
  }

  private publish(document: vscode.TextDocument): void {
    this.cancelTimer(document.uri);
    if (document.isClosed) return;
    const result = this.resultFor(document);
    if (!result?.usesTfjs || result.diagnostics.length === 0) this.collection.delete(document.uri);
    else this.collection.set(document.uri, result.diagnostics.map((d) => toVsDiagnostic(document, d)));
  }

  private publishAll(): void {
    for (const document of vscode.workspace.textDocuments) this.publish(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isLintable(document)) return;
    this.cancelTimer(document.uri);
    this.timers.set(document.uri.toString(), setTimeout(() => this.publish(document), DEBOUNCE_MS));
  }

  private cancelTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private tabsChanged(event: vscode.TabChangeEvent): void {
    for (const tab of event.opened) {
      const uri = tabUri(tab)?.toString();
      const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) this.publish(document);
    }
    if (event.closed.length === 0) return;
    const shown = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tabUri(tab)?.toString())));
    for (const tab of event.closed) {
      const uri = tabUri(tab);
      if (uri && !shown.has(uri.toString())) this.forget(uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    this.cancelTimer(uri);
    this.results.delete(uri.toString());
    this.collection.delete(uri);
    this.setAbsorbed(uri, []);
  }

  /** Settings problems and skipped documents go to the log once each, not on every keystroke. */
  private reportProblems(problems: string[]): void {
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.log.warn(problem);
    }
  }

  dispose(): void {
    clearTimeout(this.initialRun);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
    this.absorbedChanged.dispose();
  }
}
