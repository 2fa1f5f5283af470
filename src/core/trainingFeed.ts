// What the panel's Training and Compare tabs are sent (panelTraining.ts), made from what the host holds: a live
// watch (its WatchReport and the runner's messages as they arrive) or a run file read back (runFile.ts), and a
// comparison of two run files (runCompare.ts). Pure: the extension posts the result, the tests read it.
import type { ToWebviewMessage } from './panelProtocol';
import { validationSourceText } from './overfittingRule';
import type { CompareSide, PanelCompare, TrainingFinding, TrainingLayer, TrainingRun, TrainingStep, TrainingValidation } from './panelTraining';
import type { Finding } from './protocol';
import { flattenFinding, type ReportFinding } from './report';
import type { RunComparison } from './runCompare';
import type { RunFile } from './runFile';
import type { TimelinePoint } from './timeline';
import type { WatchEpoch, WatchSample, WatchStep, WatchValidation } from './watchProtocol';

export type TrainingMessage = Extract<ToWebviewMessage, { type: `training${string}` }>;

/** Steps (live or from a timeline) with each layer's ‖g‖ placed in `layers`' order (NaN where one is missing). */
export function trainingSteps(steps: readonly (WatchStep | TimelinePoint)[], layers: readonly TrainingLayer[]): TrainingStep[] {
  return steps.map((s) => {
    // The runner lists layers in the same order every step: index by position first, by name if that fails.
    const aligned = s.layers.length === layers.length && s.layers.every((l, i) => l.name === layers[i].name);
    const byName = aligned ? undefined : new Map(s.layers.map((l) => [l.name, l.gradNorm]));
    return { step: s.step, epoch: s.epoch, loss: s.loss, norms: layers.map((l, i) => (aligned ? s.layers[i].gradNorm : (byName!.get(l.name) ?? NaN))) };
  });
}

export function trainingSample(sample: WatchSample): Extract<ToWebviewMessage, { type: 'trainingSample' }> {
  const layers = sample.layers.filter((l) => l.gradHistogram.edges.every(Number.isFinite));
  return {
    type: 'trainingSample',
    step: sample.step,
    scale: layers[0]?.gradHistogram.scale ?? 'log10abs',
    layers: layers.map((l) => ({ name: l.name, edges: l.gradHistogram.edges, counts: l.gradHistogram.counts, weightNorm: l.weightNorm })),
  };
}

export function trainingEpoch(epoch: WatchEpoch): Extract<ToWebviewMessage, { type: 'trainingEpoch' }> {
  return { type: 'trainingEpoch', epoch: epoch.epoch, step: epoch.step, logs: epoch.logs };
}

/** fit()'s val_loss of one epoch as a validation reading (none when the epoch did not validate). */
export function fitValidation(epoch: WatchEpoch): TrainingValidation[] {
  const loss = epoch.logs.val_loss;
  if (loss === undefined) return [];
  const split = epoch.validationSplit;
  const origin = split === undefined ? 'validationData' : 'validationSplit';
  // tfjs's validationSplit holds out the last share of x/y's rows before shuffling (training.ts fit).
  const label = `${validationSourceText('fit')} (${split === undefined ? 'validationData' : `validationSplit ${split}: the last ${Math.round(split * 100)} % of the rows`})`;
  return [{ series: `fit:${origin}`, origin, label, step: epoch.step, epoch: epoch.epoch, loss }];
}

/** The script's own evaluate()/evaluateDataset() reading, named by its call as the overfitting finding names it. */
export function evaluateValidation(reading: WatchValidation): TrainingValidation[] {
  if (reading.source === 'fit') return [];
  const at = reading.file && reading.line !== undefined ? { file: reading.file, line: reading.line, ...(reading.column !== undefined ? { column: reading.column } : {}) } : {};
  return [{ series: `${reading.source}:${reading.key}`, origin: reading.source, label: validationSourceText(reading.source, reading, reading.rows), step: reading.step, epoch: reading.epoch, loss: reading.loss, ...at }];
}

/** Every validation reading of a run, fit()'s and the script's own, in step order (fit's first at a tie: it ran inside the epoch). */
export function validationReadings(epochs: readonly WatchEpoch[], readings: readonly WatchValidation[]): TrainingValidation[] {
  const all = [...epochs.flatMap(fitValidation), ...readings.flatMap(evaluateValidation)];
  return all.map((r, i) => ({ r, i })).sort((a, b) => a.r.step - b.r.step || a.i - b.i).map(({ r }) => r);
}

/** A finding as the report holds it (flattenFinding); the runner's message or a run file's line goes through flattenFinding first. */
export function trainingFinding(flat: ReportFinding): Extract<ToWebviewMessage, { type: 'trainingFinding' }> {
  // flattenFinding keeps the runner's `phase` (where a NaN/Inf appeared); the panel marks forward/backward.
  const phase = (flat as { phase?: string }).phase;
  const panelPhase = phase === 'forward' || phase === 'backward' ? phase : undefined;
  const out: TrainingFinding = { code: flat.code, severity: flat.severity, message: flat.message, layer: flat.layer, file: flat.file, line: flat.line, column: flat.column, step: flat.step, phase: panelPhase };
  return { type: 'trainingFinding', finding: out };
}

/** The layers the Training tab draws: those with a gradient in the run's steps, with where they were created. */
export function trainingLayers(firstStep: WatchStep | TimelinePoint | undefined, info: readonly { name: string; className?: string; file?: string; line?: number; column?: number }[]): TrainingLayer[] {
  const byName = new Map(info.map((l) => [l.name, l]));
  const names = firstStep ? firstStep.layers.map((l) => l.name) : info.map((l) => l.name);
  return names.map((name) => {
    const l = byName.get(name);
    return { name, className: l?.className, file: l?.file, line: l?.line, column: l?.column };
  });
}

const END_TEXT: Record<string, string> = { done: 'training finished', cancelled: 'stopped', timeout: 'stopped by the timeout', error: 'failed' };

/** The readings as a message, or none (a run without validation sends nothing new). */
export function validationMessage(readings: TrainingValidation[]): TrainingMessage[] {
  return readings.length ? [{ type: 'trainingValidation', readings }] : [];
}

/** Everything the Training tab shows of a run read back from its file, in the order a live run would send it. */
export function runFileMessages(run: RunFile, runFile: string): TrainingMessage[] {
  const header = run.header;
  const info = header.layers.map((l) => ({ name: l.name, className: l.className, file: l.location?.file, line: l.location?.line, column: l.location?.column }));
  const layers = trainingLayers(run.timeline[0], info);
  const started: TrainingRun = { mode: header.mode, file: header.file, startedAt: header.startedAt, every: header.every, backend: header.backend, tfjs: header.tfjs, live: false, runFile, layers };
  const ended: TrainingMessage = run.end
    ? { type: 'trainingEnded', status: run.end.status, message: `${END_TEXT[run.end.status] ?? run.end.status} after ${run.end.steps} steps${run.end.error ? `: ${run.end.error.message}` : ''}` }
    : { type: 'trainingEnded', status: 'partial', message: run.notes.join('; ') };
  return [
    { type: 'trainingStarted', run: started },
    { type: 'trainingSteps', steps: trainingSteps(run.timeline, layers) },
    ...run.samples.map(trainingSample),
    ...run.epochs.map(trainingEpoch),
    ...validationMessage(validationReadings(run.epochs, run.validation)),
    ...run.findings.map((f: Finding) => trainingFinding(flattenFinding(f))),
    ended,
  ];
}

/** One side of a comparison, from its run file. */
export function compareSide(run: RunFile, label: string, runFile: string, loss: RunComparison['lossA']): CompareSide {
  return {
    label,
    file: run.header.file,
    runFile,
    startedAt: run.header.startedAt,
    mode: run.header.mode,
    status: run.end ? run.end.status : 'partial',
    steps: run.steps,
    loss: loss && { first: loss.first, last: loss.last, min: loss.min },
  };
}

/** core/runCompare's result as the Compare tab draws it (the caller has checked `comparable`). */
export function panelCompare(comparison: RunComparison, a: CompareSide, b: CompareSide): PanelCompare {
  const missing = comparison.layers.filter((l) => l.gradNormA === undefined || l.gradNormB === undefined).map((l) => l.name);
  const notes = [
    comparison.fileChanged ? 'The model file changed between the runs.' : 'The model file is the same in both runs.',
    missing.length ? `Not in both runs (or without a gradient in one): ${missing.join(', ')}.` : '',
    comparison.partialA || comparison.partialB ? `Run ${[comparison.partialA && 'A', comparison.partialB && 'B'].filter(Boolean).join(' and ')} ended before its end: its values cover the steps it recorded.` : '',
  ].filter(Boolean);
  return {
    a,
    b,
    measure: 'Median ‖g‖ over each run’s recorded steps',
    layers: comparison.layers.map((l) => ({ name: l.name, className: l.className, line: l.line, gradNormA: l.gradNormA, gradNormB: l.gradNormB, ratio: l.ratio, verdictA: l.verdictA, verdictB: l.verdictB })),
    note: notes.join(' '),
  };
}
