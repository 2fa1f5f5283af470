// "Check gradients of custom layers": the gradient check of the file's user-defined layers (the CLI's
// `gradient-lens gradcheck`) in a runner, with a cancellable progress notification; a layer whose
// autodiff gradient disagrees with finite differences becomes an error at its class definition line.
import * as path from 'path';
import * as vscode from 'vscode';
import { failedLayers, GRADCHECK_TOLERANCE, type GradcheckReport } from '../core/gradcheckReport';
import { formatNumber } from '../core/format';
import { startGradcheck, type GradcheckRun } from '../host/client';
import type { ArgumentsStore } from './argumentsStore';
import { readSettings, runnerClientOptions, runTarget } from './config';
import { COMMANDS, DIAGNOSTIC_SOURCE } from './constants';
import { resultUnlessCancelled, targetUri } from './runCommand';
import { logRunnerMessage } from './log';
import { showRunFailure } from './runFailure';
import { explainRestrictedMode } from './trust';

export class GradcheckCommand implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gradient-lens-gradcheck');
  private readonly runs = new Set<GradcheckRun>();

  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
  ) {}

  register(): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.gradcheck, async (arg?: unknown) => {
      if (!vscode.workspace.isTrusted) return explainRestrictedMode();
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Gradient Lens: open a JavaScript/TypeScript model file to check the gradients of its custom layers.');
        return;
      }
      return this.check(uri);
    });
  }

  /** Runs the check of `uri`, shows failures as diagnostics at the class lines; resolves with the report. */
  async check(uri: vscode.Uri): Promise<GradcheckReport> {
    const settings = readSettings(uri);
    const request = runTarget(uri, settings, this.args, this.extensionPath);
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Gradient Lens: checking the custom layers of ${path.basename(uri.fsPath)}`, cancellable: true },
      async (progress, token) => {
        const run = startGradcheck(request, runnerClientOptions(settings, this.extensionPath), (message) => {
          logRunnerMessage(this.log, message);
          if (message.type === 'phase') progress.report({ message: message.message });
          if (message.type === 'gradcheckLayer') progress.report({ message: `${message.name}: ${message.ok ? 'ok' : 'failed'}` });
        });
        this.runs.add(run);
        try {
          return await resultUnlessCancelled(run, token);
        } finally {
          this.runs.delete(run);
        }
      },
    );
    this.show(uri, report);
    return report;
  }

  private show(uri: vscode.Uri, report: GradcheckReport): void {
    this.collection.delete(uri);
    if (report.status === 'failed') {
      if (report.error?.kind !== 'cancelled') showRunFailure(this.log, uri, `checking the gradients of ${path.basename(report.file)}`, report.error!);
      return;
    }
    const failed = failedLayers(report);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const layer of failed) {
      const file = layer.file ?? report.file;
      const line = Math.max(0, (layer.line ?? 1) - 1);
      const worst = layer.weights.filter((w) => w.relError > GRADCHECK_TOLERANCE).map((w) => `${w.name} ${formatNumber(w.relError)}`).join(', ');
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        `${layer.className}: its gradient disagrees with finite differences (relative error ${worst}; tolerance ${GRADCHECK_TOLERANCE}). Check the gradient function of its tf.customGrad or other hand-written backward code.`,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'gradcheck';
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    const summary = !report.layers.length
      ? 'no user-defined layers to check (TensorFlow.js\'s own layers are not checked).'
      : failed.length
        ? `${failed.length} of ${report.layers.length} custom layers disagree with finite differences: ${failed.map((l) => l.className).join(', ')} (see Problems).`
        : `all ${report.layers.length} custom layers match finite differences (max relative error ${formatNumber(Math.max(...report.layers.map((l) => l.maxRelError)))}).`;
    const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`Gradient check of ${path.basename(report.file)}: ${summary}`);
  }

  dispose(): void {
    for (const run of this.runs) void run.cancel();
    this.collection.dispose();
  }
}
