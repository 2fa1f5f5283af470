// The Gradient Lens webview panel, host side: one panel per model file (titled with it), strict CSP with
// a fresh nonce per render, resources only from dist/webview and media, every incoming message validated
// with panelProtocol (malformed ones are logged and ignored, never acted on). Profile results come from
// the results store; LR sweeps are streamed in by the LR finder. The host keeps what each panel shows
// (last status, the current sweep's messages), so a panel that is opened late, hidden and re-shown, or
// restored by the serializer after a reload, gets the whole picture again when its webview says `ready`.
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  decodeFromWebview,
  decodePanelState,
  encodePanelMessage,
  type ExportFormat,
  type FromWebviewMessage,
  type PanelTab,
  type ToWebviewMessage,
} from '../core/panelProtocol';
import { panelPageHtml } from '../core/panelPage';
import type { PanelCompare } from '../core/panelTraining';
import type { TrainingMessage } from '../core/trainingFeed';
import { unhandled } from '../core/exhaustive';
import { targetUri } from './runCommand';
import { COMMANDS } from './constants';
import { fileKey, type ResultsStore } from './resultsStore';
import { stepProgress } from '../core/plateau';

export const PANEL_VIEW_TYPE = 'gradientLens.panel';

/** What the tests read of a panel: its page, tab and state, and what its Training and Compare tabs were given. */
export interface PanelInspection {
  html: string;
  tab: PanelTab;
  ready: boolean;
  loads: number;
  visible: boolean;
  title: string;
  lrPoints: number;
  status?: { running: boolean; message: string };
  /** The Training tab's messages as a reload would replay them. */
  training?: TrainingMessage[];
  compare?: PanelCompare;
}

type LrMessage = Extract<ToWebviewMessage, { type: 'lrStarted' | 'lrPoint' | 'lrRepeatDone' | 'lrResult' | 'lrFailed' }>;

/** Exports larger than this are refused (a PNG of a chart is well under 10 MB). */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
const EXPORT_FILTERS: Record<ExportFormat, Record<string, string[]>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] }, png: { 'PNG image': ['png'] } };

export const panelTitle = (file: string) => `Gradient Lens: ${path.basename(file)}`;

class PanelHost implements vscode.Disposable {
  /** Whether the webview listens: set by its `ready`, cleared when hidden (VS Code then discards the page). */
  ready = false;
  /** How many times the page loaded and said `ready` (again after each time it was hidden and shown). */
  loads = 0;
  html = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly file: string,
    readonly panel: vscode.WebviewPanel,
    public tab: PanelTab,
    private readonly manager: PanelManager,
  ) {
    panel.title = panelTitle(file);
    panel.iconPath = { light: vscode.Uri.joinPath(manager.extensionUri, 'media', 'profile-light.svg'), dark: vscode.Uri.joinPath(manager.extensionUri, 'media', 'profile-dark.svg') };
    panel.webview.options = webviewOptions(manager.extensionUri);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw) => manager.receive(this, raw)),
      panel.onDidDispose(() => manager.forget(this)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this.render();
  }

  render(): void {
    this.ready = false;
    this.html = panelHtml(this.panel.webview, this.manager.extensionUri, panelTitle(this.file));
    this.panel.webview.html = this.html;
  }

  post(message: ToWebviewMessage): void {
    if (this.ready) void this.panel.webview.postMessage(encodePanelMessage(message));
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  return panelPageHtml({ cspSource: webview.cspSource, styleUri: asset('panel.css'), scriptUri: asset('panel.js'), title, nonce: randomBytes(16).toString('base64') });
}

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, PanelHost>();
  /** Per model file: the last status line and the messages of the current/last sweep, for replay. */
  private readonly statuses = new Map<string, { running: boolean; message: string }>();
  private readonly sweeps = new Map<string, LrMessage[]>();
  /** Per model file: what its Training tab shows, made when asked (a live watch's bounded timeline, or a run file's). */
  private readonly trainings = new Map<string, () => TrainingMessage[]>();
  private readonly compares = new Map<string, PanelCompare>();
  private readonly subscriptions: vscode.Disposable[];
  private editTimer: NodeJS.Timeout | undefined;
  private readonly editedFiles = new Set<string>();
  /** Messages from webviews that failed validation (each also logged). */
  ignoredMessages = 0;

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      store.onDidChange((change) => {
        if (change.reason !== 'edit') {
          for (const file of change.files) this.postProfile(file);
          return;
        }
        // Lines move while typing: resend the moved report once the typing pauses.
        change.files.forEach((f) => this.editedFiles.add(f));
        clearTimeout(this.editTimer);
        this.editTimer = setTimeout(() => {
          for (const host of this.panels.values()) {
            const layers = this.store.get(host.file)?.report.layers ?? [];
            if (this.editedFiles.has(host.file) || layers.some((l) => l.file && this.editedFiles.has(l.file))) this.postProfile(host.file);
          }
          this.editedFiles.clear();
        }, 500);
      }),
      store.onDidChangeRunning(() => {
        for (const host of this.panels.values()) {
          const running = this.store.running().find((r) => r.file === host.file);
          const previous = this.statuses.get(host.file);
          if (running) this.setStatus(host.file, true, running.totalSteps !== undefined && running.step !== undefined ? `${running.message}: ${stepProgress(running.step, running.totalSteps)}` : running.message);
          else if (previous?.running && !this.sweepRunning(host.file)) this.setStatus(host.file, false, '');
        }
      }),
    ];
  }

  /** Opens the panel of `file` (or reveals it) on `tab`. */
  show(file: string, tab: PanelTab, preserveFocus = false): void {
    const key = fileKey(file);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      if (existing.tab !== tab) {
        existing.tab = tab;
        existing.post({ type: 'init', file: key, title: panelTitle(key), tab });
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, panelTitle(key), { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, webviewOptions(this.extensionUri));
    this.panels.set(key, new PanelHost(key, panel, tab, this));
  }

  /** Restores the panels VS Code kept across a reload. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => void this.restore(panel, state) });
  }

  /**
   * Takes over `panel` for the file its webview saved in `state` (PanelState), with a fresh page; its
   * webview restores its own data and the host replays what it holds. Returns whether it was kept.
   */
  restore(panel: vscode.WebviewPanel, state: unknown): boolean {
    const saved = decodePanelState(state);
    if (!saved) {
      this.log.warn('panel: could not restore a Gradient Lens panel (no valid saved state); closing it');
      panel.dispose();
      return false;
    }
    const key = fileKey(saved.file);
    if (this.panels.has(key)) {
      // Already reopened by a command before the restore ran: keep one panel per file.
      panel.dispose();
      return false;
    }
    this.panels.set(key, new PanelHost(key, panel, saved.tab, this));
    return true;
  }

  /** The current sweep of `file` starts/streams/ends: kept for replay and forwarded to its panel. */
  postLr(file: string, message: LrMessage): void {
    const key = fileKey(file);
    if (message.type === 'lrStarted') this.sweeps.set(key, [message]);
    else this.sweeps.get(key)?.push(message);
    this.panels.get(key)?.post(message);
  }

  /**
   * The Training tab of `file` shows the run `replay` describes (called now and whenever the webview loads
   * again); a live watch then streams on with postTraining.
   */
  setTraining(file: string, replay: () => TrainingMessage[]): void {
    const key = fileKey(file);
    this.trainings.set(key, replay);
    const host = this.panels.get(key);
    if (host) for (const message of replay()) host.post(message);
  }

  /** A live watch's new steps, samples, epochs, findings and end, for the panel of `file` if it is open. */
  postTraining(file: string, message: TrainingMessage): void {
    this.panels.get(fileKey(file))?.post(message);
  }

  showCompare(file: string, compare: PanelCompare): void {
    const key = fileKey(file);
    this.compares.set(key, compare);
    this.show(key, 'compare');
    this.panels.get(key)?.post({ type: 'compare', compare });
  }

  setStatus(file: string, running: boolean, message: string): void {
    const key = fileKey(file);
    this.statuses.set(key, { running, message });
    this.panels.get(key)?.post({ type: 'status', running, message });
  }

  private sweepRunning(file: string): boolean {
    const sweep = this.sweeps.get(file);
    const last = sweep?.[sweep.length - 1];
    return !!sweep && last?.type !== 'lrResult' && last?.type !== 'lrFailed';
  }

  private postProfile(file: string): void {
    const host = this.panels.get(fileKey(file));
    const report = this.store.get(file)?.report;
    if (host && report) host.post({ type: 'profile', report });
  }

  /** Everything the panel of `host.file` should show, after its webview (re)loaded. */
  private replay(host: PanelHost): void {
    host.post({ type: 'init', file: host.file, title: panelTitle(host.file), tab: host.tab });
    const status = this.statuses.get(host.file);
    if (status) host.post({ type: 'status', ...status });
    this.postProfile(host.file);
    const sweep = this.sweeps.get(host.file) ?? [];
    for (const message of sweep) host.post(message);
    const training = this.trainings.get(host.file)?.() ?? [];
    for (const message of training) host.post(message);
    const compare = this.compares.get(host.file);
    if (compare) host.post({ type: 'compare', compare });
    // lrStarted, trainingStarted and compare bring the webview to their tab: a panel opened on another tab goes back to it.
    if (sweep.length || training.length || compare) host.post({ type: 'init', file: host.file, title: panelTitle(host.file), tab: host.tab });
  }

  /** One raw message from a webview: validated, then acted on; anything else is logged and dropped. */
  receive(host: PanelHost, raw: unknown): void {
    const message = decodeFromWebview(raw, (reason) => {
      this.ignoredMessages++;
      this.log.warn(`panel ${path.basename(host.file)}: ${reason}`);
    });
    if (!message) return;
    void this.handle(host, message).catch((error) => this.log.error(`panel ${path.basename(host.file)}: ${message.type} failed: ${(error as Error).message}`));
  }

  private async handle(host: PanelHost, message: FromWebviewMessage): Promise<void> {
    const uri = vscode.Uri.file(host.file);
    switch (message.type) {
      case 'ready':
        host.ready = true;
        host.loads++;
        this.replay(host);
        return;
      case 'applyLr':
        await vscode.commands.executeCommand(COMMANDS.applyLearningRate, uri, message.lr, message.suggestion);
        return;
      case 'copyLr':
        await vscode.commands.executeCommand(COMMANDS.copyLearningRate, message.lr);
        return;
      case 'rerunLr':
        await vscode.commands.executeCommand(COMMANDS.findLearningRate, uri);
        return;
      case 'cancel':
        await Promise.all([
          vscode.commands.executeCommand(COMMANDS.cancelFindLearningRate, uri),
          vscode.commands.executeCommand(COMMANDS.cancel, uri),
          vscode.commands.executeCommand(COMMANDS.stopWatch, uri),
        ]);
        return;
      case 'revealLayer':
        await this.revealLayer(host, message);
        return;
      case 'exportData':
        await this.exportData(host, message);
        return;
      case 'log':
        this.log[message.level](`panel ${path.basename(host.file)}: ${message.message}`);
        return;
      default:
        unhandled(message);
    }
  }

  /** Only files the panel's report points at are opened; the line is the layer's current one (edits move it). */
  private async revealLayer(host: PanelHost, message: Extract<FromWebviewMessage, { type: 'revealLayer' }>): Promise<void> {
    const report = this.store.get(host.file)?.report;
    const target = fileKey(message.file);
    const layer = report?.layers.find((l) => l.name === message.layer && l.file === target);
    if (target !== host.file && !layer) {
      this.ignoredMessages++;
      this.log.warn(`panel ${path.basename(host.file)}: ignored revealLayer of ${message.file}, which the report does not point at`);
      return;
    }
    const line = (layer?.line ?? message.line) - 1;
    const column = (layer?.column ?? message.column ?? 1) - 1;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    const visible = vscode.window.visibleTextEditors.find((e) => fileKey(e.document.uri) === target);
    const position = document.validatePosition(new vscode.Position(line, column));
    await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  private async exportData(host: PanelHost, message: Extract<FromWebviewMessage, { type: 'exportData' }>): Promise<void> {
    let bytes: Uint8Array;
    if (message.format === 'png') {
      const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(message.content);
      if (!match) {
        this.ignoredMessages++;
        this.log.warn(`panel ${path.basename(host.file)}: ignored a PNG export that is not a base64 PNG data URL`);
        return;
      }
      bytes = Buffer.from(match[1], 'base64');
    } else bytes = Buffer.from(message.content, 'utf8');
    if (bytes.byteLength > MAX_EXPORT_BYTES) {
      void vscode.window.showErrorMessage(`Gradient Lens: the export is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB and was not saved.`);
      return;
    }
    // The webview names the file; only its base name is used, next to the model file by default.
    const base = path.basename(message.suggestedName).replace(/[^\w.\- ]+/g, '_');
    const name = base.toLowerCase().endsWith(`.${message.format}`) ? base : `${base}.${message.format}`;
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(host.file), name)), filters: EXPORT_FILTERS[message.format], saveLabel: 'Export' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Gradient Lens: saved ${vscode.workspace.asRelativePath(target)}.`);
  }

  forget(host: PanelHost): void {
    if (this.panels.get(host.file) === host) this.panels.delete(host.file);
    host.dispose();
  }

  // --- for the integration tests (api.ts) ----------------------------------------------------------

  /** The panel of `file`: its page's HTML, tab, whether its webview listens and how often it loaded, visibility, how many LR points its sweep forwarded, its status line, its training and comparison. */
  inspect(file: string): PanelInspection | undefined {
    const key = fileKey(file);
    const host = this.panels.get(key);
    const lrPoints = this.sweeps.get(key)?.filter((m) => m.type === 'lrPoint').length ?? 0;
    const training = this.trainings.get(key)?.();
    return host && { html: host.html, tab: host.tab, ready: host.ready, loads: host.loads, visible: host.panel.visible, title: host.panel.title, lrPoints, status: this.statuses.get(key), training, compare: this.compares.get(key) };
  }

  /** Feeds `raw` through the same validation and dispatch as a message posted by the panel's webview. */
  receiveFor(file: string, raw: unknown): boolean {
    const host = this.panels.get(fileKey(file));
    if (host) this.receive(host, raw);
    return !!host;
  }

  dispose(): void {
    clearTimeout(this.editTimer);
    this.subscriptions.forEach((s) => s.dispose());
    for (const host of [...this.panels.values()]) host.panel.dispose();
  }
}

/** "Show gradient panel": the panel of the given/active model file (else the last profiled one) on its Gradients tab. */
export function registerPanelCommands(panels: PanelManager, store: ResultsStore): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showGradientPanel, (arg?: unknown) => {
    const uri = targetUri(arg);
    const file = uri ? fileKey(uri) : store.lastFile;
    if (!file) {
      void vscode.window.showInformationMessage('Gradient Lens: open a model file (or run "Profile gradients" on one) to show its gradient panel.');
      return;
    }
    panels.show(file, 'gradients');
    if (!store.get(file)) panels.setStatus(file, false, 'No profile yet: run "Profile gradients" on this file.');
  });
}
