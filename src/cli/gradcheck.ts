// `gradient-lens gradcheck FILE`: the gradients of every layer the user defined (a tf.layers.Layer
// subclass, where tf.customGrad code lives) against central finite differences; exit 1 when one disagrees.
import { stringifyWithNonFinite, type RunnerMessage } from '../core/protocol';
import { failedLayers, GRADCHECK_TOLERANCE, type GradcheckReport } from '../core/gradcheckReport';
import { formatNumber } from '../core/format';
import { PROFILE_DEFAULTS } from '../core/defaults';
import { startGradcheck } from '../host/client';
import { followRun, parseOrExitCode, parseRunArgs, parseTarget, relative, runnerUsage, table, TARGET_USAGE } from './shared';
import { renderError } from './profile';

export const GRADCHECK_USAGE = `Usage: gradient-lens gradcheck FILE [options] [-- SCRIPT ARGS…]

Checks the gradients of the custom layers in FILE's model against finite differences.

Every layer whose class the program defines (a tf.layers.Layer subclass, e.g. one using tf.customGrad) is
run on a random input; the autodiff gradient of a random projection of its output is compared with
central differences (step ∛ε·max(1,|x|) for float32) on up to 24 elements of each weight and input.
A layer fails when its largest relative error exceeds ${GRADCHECK_TOLERANCE}. TensorFlow.js's own layers are not checked.

Options:
${TARGET_USAGE}
${runnerUsage(PROFILE_DEFAULTS.timeoutSeconds)}
  --json               print one JSON document (layers[]: name, className, file, line, maxRelError, ok)
  -h, --help           show this help

Exit codes: 0 every custom layer passed (or there is none), 1 a layer's gradient disagrees, 2 the run failed.`;

function parseCommandLine(argv: string[]) {
  const { values, positionals, scriptArgs } = parseRunArgs(argv, {});
  if (values.help) return undefined;
  return parseTarget(values, positionals, PROFILE_DEFAULTS.timeoutSeconds, scriptArgs);
}

export function renderGradcheck(report: GradcheckReport): string {
  const out = [`Gradient check — ${relative(report.file)} (backend ${report.backend})`];
  if (!report.layers.length) {
    out.push('', 'No user-defined layers: nothing to check (TensorFlow.js\'s own layers are not checked).');
    return out.join('\n');
  }
  const rows = [['layer', 'class', 'defined at', 'max rel. error', 'result']];
  for (const l of report.layers) rows.push([l.name, l.className, l.line ? `${relative(l.file)}:${l.line}` : '?', formatNumber(l.maxRelError), l.note ? `ok (${l.note})` : l.ok ? 'ok' : 'FAILED']);
  out.push('', table(rows));
  for (const l of failedLayers(report)) {
    out.push('', `${l.line ? `${relative(l.file)}:${l.line}: ` : ''}${l.className} (${l.name}): its gradient disagrees with finite differences — ` + l.weights.filter((w) => w.relError > GRADCHECK_TOLERANCE).map((w) => `${w.name} relative error ${formatNumber(w.relError)}`).join(', ') + '. Check the gradient function of its tf.customGrad (or any hand-written backward code).');
  }
  return out.join('\n');
}

function progress(message: RunnerMessage): string | undefined {
  if (message.type === 'phase') return message.message;
  if (message.type === 'gradcheckLayer') return `${message.name}: ${message.ok ? 'ok' : 'FAILED'}`;
  return undefined;
}

export async function gradcheckCommand(argv: string[]): Promise<number> {
  const options = parseOrExitCode(argv, parseCommandLine, GRADCHECK_USAGE);
  if (typeof options === 'number') return options;
  const { timeoutMs, memoryLimitMb, json, batchSize: _batch, ...request } = options;
  const tty = Boolean(process.stderr.isTTY) && !json;
  const report = await followRun(tty, progress, (onMessage) => startGradcheck(request, { timeoutMs, memoryLimitMb, cwd: process.cwd() }, onMessage));
  if (json) process.stdout.write(`${stringifyWithNonFinite(report, 2)}\n`);
  if (report.status === 'failed') {
    process.stderr.write(`${renderError(report)}\n`);
    return 2;
  }
  if (!json) process.stdout.write(`${renderGradcheck(report)}\n`);
  return failedLayers(report).length ? 1 : 0;
}
