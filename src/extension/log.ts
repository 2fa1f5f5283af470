// The "Gradient Lens" log channel: runner logs and the user program's stdout/stderr.
import * as vscode from 'vscode';
import { unhandled } from '../core/exhaustive';
import type { RunnerMessage, RunnerMessageOf } from '../core/protocol';
import { runtimeLine } from '../core/report';
import { stableRateLimit } from '../core/rateCurvature';
import { probeStopText } from '../core/probeStops';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Gradient Lens', { log: true });
}

/** What each probe kind measures, in the log's words (core/protocol.ts `probe`). */
const PROBE_NAMES: Record<Exclude<RunnerMessageOf<'probe'>['kind'], 'penalty' | 'curvature' | 'linear'>, string> = {
  rate: 'learning-rate',
  input: 'input-scale',
  labels: 'label',
  horizon: 'learning-rate (fresh batches)',
  plan: 'plan preview',
  init: 'initialisation (fresh batches)',
  scale: 'standardised-scale',
  reach: 'learning-rate over the plan',
  start: 'plan from the written start',
  draws: 'initial loss over fresh draws',
};

export function logRunnerMessage(log: vscode.LogOutputChannel, message: RunnerMessage): void {
  switch (message.type) {
    case 'log':
      if (message.level === 'error') log.error(message.text);
      else if (message.level === 'warn') log.warn(message.text);
      else if (message.level === 'stdout') log.info(`[program] ${message.text}`);
      else if (message.level === 'stderr') log.warn(`[program stderr] ${message.text}`);
      else log.info(message.text);
      break;
    case 'hello':
      log.info(`runner pid ${message.pid}, Node ${message.nodeVersion}, ${runtimeLine(message)}`);
      break;
    case 'phase':
      log.info(`${message.phase}: ${message.message}`);
      break;
    case 'model':
      log.info(`model ${message.modelName} (${message.className}, ${message.discovery}${message.exportName ? ` "${message.exportName}"` : ''}): ${message.layers.length} layers; data ${message.dataNote}; loss ${message.loss}`);
      if (message.lossNote) log.info(message.lossNote);
      break;
    case 'finding':
      log.info(`finding ${message.finding.severity} ${message.finding.code}${message.finding.layer ? ` ${message.finding.layer}` : ''}: ${message.finding.message}`);
      break;
    case 'error':
      if (message.kind === 'cancelled') log.info('cancelled');
      else log.error(`${message.kind}: ${message.message}${message.stack ? `\n${message.stack}` : ''}`);
      break;
    case 'done':
      log.info(`done: ${message.steps} steps in ${Math.round(message.durationMs)} ms`);
      break;
    case 'step':
      log.trace(`step ${message.step} loss ${message.loss}`);
      break;
    case 'lrPoint':
      log.trace(`lr point ${message.repeat}/${message.step}: lr ${message.lr} loss ${message.loss}`);
      break;
    case 'overfit':
      log.info(`overfit one batch of ${message.batchSize}: loss ${message.losses[0]} → ${message.losses[message.losses.length - 1]} over ${message.losses.length} steps`);
      break;
    case 'probe': {
      // `every`: readings that many steps apart (labels, horizon; penalty: its start and end); else one a step.
      const { kind, factor, losses, every = 1 } = message;
      const steps = (losses.length - 1) * every;
      log.info(
        kind === 'linear'
          ? `best linear fit of the labels on ${message.features} input features over ${message.rows} rows: R² ${losses.map((r) => r.toFixed(3)).join(', ')}`
          : kind === 'curvature'
          ? `curvature of the quadratic loss over ${message.rows} training rows: λmax ${losses[0]} (stable below a rate of ${stableRateLimit({ lambdaMax: losses[0], momentum: message.momentum ?? 0, nesterov: message.nesterov })}); rate ${factor}`
          : kind === 'draws'
          ? `${PROBE_NAMES[kind]}: step-0 loss ${losses.join(', ')}${message.ends ? `; after ${message.every} steps ${message.ends.join(', ')}` : ''}`
          : kind === 'penalty'
          ? `regularization probe (${factor ? 'with' : 'without'} penalties): validation loss ${losses[0]} → ${losses[losses.length - 1]} over ${steps} steps`
          : `${PROBE_NAMES[kind]} probe ×${factor}: ${kind === 'rate' || kind === 'input' ? 'loss' : 'held-out loss'} ${losses[0]} → ${losses[losses.length - 1]} over ${steps} steps`,
      );
      break;
    }
    case 'probeStop':
      // The log line has no report at hand: the backend-neutral wording (the views name the backend's clock).
      log.warn(probeStopText(message, undefined));
      break;
    case 'gradcheckLayer':
      log.info(`gradient check ${message.className} (${message.name}): max relative error ${message.maxRelError} ${message.ok ? 'ok' : 'FAILED'}`);
      break;
    case 'watchSteps':
    case 'watchSample':
    case 'watchEpoch':
    case 'watchValidation':
    case 'lrRepeatDone':
    case 'lrResult':
      break; // the LR command logs these in its own words
    default:
      unhandled(message);
  }
}
