// Pure text for the editor views of a ProfileReport: end-of-line decoration text (one layer or several
// created on the same line), sparklines, the status bar summary, hover and report Markdown.
// No vscode import: unit-tested in plain Node (test/unit/presentation.test.ts).
import { isLayerSite, type FindingCode } from './protocol';
import { formatNumber } from './format';
import { runtimeLine, type ProfileReport, type ReportFinding, type ReportLayer } from './report';
import { viaText } from './layerPlacement';
import { notChecked, probeStopSections, probeStopsSummary } from './probeStops';

/** Colour keys of the decorations; each maps to the theme colour `gradientLens.<key>Foreground`. */
export type VerdictColor = 'healthy' | 'vanishing' | 'exploding' | 'nonFinite' | 'dead' | 'saturated' | 'stale';
export const VERDICT_COLORS: readonly VerdictColor[] = ['healthy', 'vanishing', 'exploding', 'nonFinite', 'dead', 'saturated', 'stale'];

/**
 * Most severe first: decides the colour of a line with several verdicts. Causes before symptoms: dead
 * ReLU units and saturated activations are why the gradient vanishes there.
 */
export const VERDICT_PRIORITY: readonly FindingCode[] = [
  'non-finite',
  'output-activation',
  'invalid-labels',
  'hidden-activation',
  'symmetric-units',
  'unscaled-input',
  'unscaled-target',
  'loss-function',
  'loss-target',
  'class-imbalance',
  'nan-prone-loss',
  'labels-unrelated',
  'capacity-bottleneck',
  'capacity-linear',
  'exploding',
  'loss-diverging',
  'saturated-output',
  'dead-relu',
  'saturation',
  'vanishing',
  'initial-loss',
  'loss-oscillating',
  'loss-not-decreasing',
  'over-regularization',
  'overfitting',
  'learning-rate-high',
  'learning-rate-low',
  'overfit-batch',
];

const COLOR_OF: Record<FindingCode, VerdictColor> = {
  'non-finite': 'nonFinite',
  exploding: 'exploding',
  'loss-diverging': 'exploding',
  vanishing: 'vanishing',
  'dead-relu': 'dead',
  saturation: 'saturated',
  'output-activation': 'nonFinite',
  'saturated-output': 'saturated',
  'initial-loss': 'saturated',
  'loss-oscillating': 'exploding',
  'loss-not-decreasing': 'vanishing',
  'overfit-batch': 'vanishing',
  'learning-rate-low': 'vanishing',
  'learning-rate-high': 'exploding',
  'over-regularization': 'vanishing',
  'invalid-labels': 'nonFinite',
  'hidden-activation': 'saturated',
  'symmetric-units': 'vanishing',
  'unscaled-input': 'saturated',
  'unscaled-target': 'saturated',
  'loss-function': 'exploding',
  'loss-target': 'nonFinite',
  'class-imbalance': 'saturated',
  'nan-prone-loss': 'nonFinite',
  'labels-unrelated': 'saturated',
  'capacity-bottleneck': 'vanishing',
  'capacity-linear': 'vanishing',
  overfitting: 'saturated',
};

/** Short words for the end-of-line decoration (long lines cut it off; the hover carries the rest). */
export const VERDICT_LABEL: Record<FindingCode, string> = {
  'non-finite': 'NaN/Inf',
  exploding: 'exploding',
  'loss-diverging': 'loss diverging',
  vanishing: 'vanishing',
  'dead-relu': 'dead ReLU',
  saturation: 'saturated',
  'output-activation': 'activation vs loss',
  'saturated-output': 'saturated output',
  'initial-loss': 'initial loss',
  'loss-oscillating': 'loss oscillating',
  'loss-not-decreasing': 'loss not decreasing',
  'overfit-batch': 'overfit failed',
  'learning-rate-low': 'LR too low',
  'learning-rate-high': 'LR too high',
  'over-regularization': 'over-regularized',
  'invalid-labels': 'invalid labels',
  'hidden-activation': 'hidden softmax',
  'symmetric-units': 'symmetric units',
  'unscaled-input': 'unscaled inputs',
  'unscaled-target': 'unscaled targets',
  'loss-function': 'loss reduction',
  'loss-target': 'loss vs targets',
  'class-imbalance': 'imbalanced classes',
  'nan-prone-loss': 'NaN-prone loss',
  'labels-unrelated': 'labels unrelated',
  'capacity-bottleneck': 'one-unit bottleneck',
  'capacity-linear': 'linear model',
  overfitting: 'overfitting',
};

/** The status bar counts layers ("2 dead"): the decoration's words, shorter where a count reads better. */
const STATUS_LABEL: Record<FindingCode, string> = {
  ...VERDICT_LABEL,
  'loss-diverging': 'diverging',
  'dead-relu': 'dead',
  'loss-oscillating': 'oscillating',
  'loss-not-decreasing': 'not decreasing',
};

export function sortVerdicts(codes: Iterable<FindingCode>): FindingCode[] {
  return [...new Set(codes)].sort((a, b) => VERDICT_PRIORITY.indexOf(a) - VERDICT_PRIORITY.indexOf(b));
}

export function verdictColor(verdicts: readonly FindingCode[], stale = false): VerdictColor {
  if (stale) return 'stale';
  const worst = sortVerdicts(verdicts)[0];
  return worst ? COLOR_OF[worst] : 'healthy';
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A unicode sparkline on a log scale (gradient norms span orders of magnitude): ▁ smallest, █ largest;
 * `_` for exact zeros, `!` for NaN/Inf.
 */
export function sparkline(values: readonly number[]): string {
  const logs = values.map((v) => (Number.isFinite(v) && v !== 0 ? Math.log10(Math.abs(v)) : undefined));
  const defined = logs.filter((l): l is number => l !== undefined);
  const min = Math.min(...defined);
  const max = Math.max(...defined);
  return values
    .map((v, i) => {
      if (!Number.isFinite(v)) return '!';
      if (v === 0) return '_';
      const l = logs[i]!;
      if (!(max - min > 1e-9)) return BARS[3];
      return BARS[Math.round(((l - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}

/** Whether a layer gets a decoration: it has trainable weights, or a verdict of its own. */
export function isDecorated(layer: ReportLayer): boolean {
  return layer.weights.length > 0 || layer.verdicts.length > 0;
}

/** ‖g‖/‖w‖ of the whole layer at step 0. */
export function layerRatio(layer: ReportLayer): number {
  let g = 0;
  let w = 0;
  for (const weight of layer.weights) {
    if (!weight.stats) continue;
    g += weight.stats.gradNorm ** 2;
    w += weight.stats.weightNorm ** 2;
  }
  return w > 0 ? Math.sqrt(g) / Math.sqrt(w) : NaN;
}

/** ‖g‖/‖w‖ as text: "—" where ‖w‖ = 0 (a zero-initialised weight has no meaningful ratio). */
export function ratioText(ratio: number | undefined, weightNorm: number | undefined): string {
  return weightNorm === 0 || (ratio !== undefined && Number.isNaN(ratio) && weightNorm === undefined) ? '—' : formatNumber(ratio);
}

export type DecorationStyle = 'compact' | 'detailed';

export interface LineDecoration {
  text: string;
  verdicts: FindingCode[];
  color: VerdictColor;
}

function normText(layer: ReportLayer): string {
  return layer.weights.length > 0 ? formatNumber(layer.gradNorm) : '–';
}

/**
 * The end-of-line text for the layers created on one line: `∇ 2.1e-3` (+ verdicts) for one layer,
 * `∇ 3× 1.2e-3–4.5e-2 · 2 vanishing` for several (a layer created in a loop).
 */
export function lineDecoration(layers: readonly ReportLayer[], style: DecorationStyle = 'compact', stale = false, partial = false): LineDecoration {
  const verdicts = sortVerdicts(layers.flatMap((l) => l.verdicts));
  const color = verdictColor(verdicts, stale);
  let text: string;
  if (layers.length === 1) {
    const layer = layers[0];
    text = `∇ ${normText(layer)}`;
    // The worst verdict only: long lines cut the after-text off, and the hover lists them all.
    if (verdicts.length) text += ` ${VERDICT_LABEL[verdicts[0]]}${verdicts.length > 1 ? ` +${verdicts.length - 1}` : ''}`;
    if (style === 'detailed' && layer.weights.length > 0) {
      const ratio = layerRatio(layer);
      text += `  ‖g‖/‖w‖ ${Number.isNaN(ratio) ? '—' : formatNumber(ratio)}`;
      if (layer.steps.length > 1) text += `  ${sparkline(layer.steps.map((s) => s.gradNorm))}`;
    }
  } else {
    const withWeights = layers.filter((l) => l.weights.length > 0);
    const norms = withWeights.map((l) => l.gradNorm);
    const finite = norms.filter(Number.isFinite);
    let range: string;
    if (finite.length === 0) range = norms.length ? formatNumber(norms[0]) : '–';
    else {
      const lo = Math.min(...finite);
      const hi = Math.max(...finite);
      range = lo === hi ? formatNumber(lo) : `${formatNumber(lo)}–${formatNumber(hi)}`;
      if (finite.length < norms.length) range += ` +${norms.length - finite.length} NaN/Inf`;
    }
    text = `∇ ${layers.length}× ${range}`;
    for (const v of verdicts) text += ` · ${layers.filter((l) => l.verdicts.includes(v)).length} ${VERDICT_LABEL[v]}`;
    if (style === 'detailed' && withWeights.length > 1) text += `  by layer ${sparkline(norms)}`;
  }
  if (stale) text += ' (edited)';
  else if (partial) text += ' (partial)';
  return { text, verdicts, color };
}

/** Status bar text: `$(pulse) 2 vanishing · 1 dead`, `$(pulse) healthy`, `$(error) failed`. */
export function statusSummary(report: ProfileReport): string {
  if (report.status === 'failed' && !report.partial) return `$(error) ${report.error?.kind === 'cancelled' ? 'cancelled' : 'profile failed'}`;
  if (report.status === 'running') return '$(sync~spin) profiling';
  const counts = new Map<FindingCode, number>();
  for (const layer of report.layers) for (const v of layer.verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const f of report.findings) if (!f.layer) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const parts = sortVerdicts(counts.keys()).map((v) => `${counts.get(v)} ${STATUS_LABEL[v]}`);
  if (report.partial) return `$(warning) partial${parts.length ? `: ${parts.join(' · ')}` : ''}`;
  const missed = notChecked(report.probeStops ?? []).length;
  const unchecked = missed ? ` · ${missed} not checked` : '';
  return `$(pulse) ${parts.length ? parts.join(' · ') : 'healthy'}${unchecked}`;
}

/** "Partial profile: 3 of 21 steps measured before the run stopped (timeout)." — for a report that ended early. */
export function partialNote(report: Pick<ProfileReport, 'partial' | 'steps' | 'totalSteps' | 'error'>): string | undefined {
  if (!report.partial) return undefined;
  const total = report.totalSteps === undefined ? '' : ` of ${report.totalSteps + 1}`;
  return `Partial profile: ${report.steps.length}${total} steps measured before the run stopped (${report.error?.kind ?? 'stopped'}).`;
}

export const mdEscape = (text: string) => text.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');

function percent(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 0)} %`;
}

// By kind, not name: the inputs' line (`inputs`) or a definition is no layer, even where a layer has that name.
const mentions = (f: ReportFinding, layer: string) => f.layer === layer || Boolean(f.related?.some((r) => isLayerSite(r) && r.layer === layer));

/** The finding that gives `layer` its verdict `code`: its own, or one that lists it as a related layer. */
export function findingFor(findings: readonly ReportFinding[], layer: string, code: FindingCode): ReportFinding | undefined {
  const live = findings.filter((f) => f.code === code && f.severity !== 'info');
  return live.find((f) => f.layer === layer) ?? live.find((f) => mentions(f, layer));
}

/** A finding as seen from one of its layers: that layer's own evidence, the cause it points at, then the finding. */
function findingText(finding: ReportFinding, layer: string): string {
  const parts: string[] = [];
  const own = finding.related?.find((r) => isLayerSite(r) && r.layer === layer);
  if (own) parts.push(`This layer: ${mdEscape(own.message)}.`);
  if (finding.cause) parts.push(`No gradient reaches it only because ${mdEscape(finding.cause.message)}.`);
  parts.push(mdEscape(finding.message));
  // The lines of the script it involves (the inputs, the plan, a definition): where the fix often goes.
  for (const r of finding.related ?? []) if (!isLayerSite(r) && r.line !== undefined) parts.push(`See line ${r.line} (${mdEscape(r.layer)}): ${mdEscape(r.message)}.`);
  return parts.join(' ');
}

/** Hover Markdown for the layers created on one line. `ruleUrl(code)` links a rule's documentation. */
export function hoverMarkdown(
  layers: readonly ReportLayer[],
  findings: readonly ReportFinding[],
  ruleUrl: (code: FindingCode) => string,
  options: { stale?: boolean; maxLayers?: number; partial?: string; displayPath?: (file: string) => string } = {},
): string {
  const out: string[] = [];
  const max = options.maxLayers ?? 8;
  if (options.partial) out.push(`_${mdEscape(options.partial)} Verdicts describe those steps only._`, '');
  if (options.stale) out.push('_This line was edited after the profile: the numbers describe the code as it was. Profile again to refresh._', '');
  for (const layer of layers.slice(0, max)) {
    const head = [`**${mdEscape(layer.name)}**`, mdEscape(layer.className)];
    if (layer.activation) head.push(mdEscape(layer.activation));
    let line = `${head.join(' · ')} — ‖g‖ ${formatNumber(layer.weights.length ? layer.gradNorm : undefined)}`;
    if (layer.steps.length > 1) line += ` · trend \`${sparkline(layer.steps.map((s) => s.gradNorm))}\` (steps ${layer.steps[0].step}–${layer.steps[layer.steps.length - 1].step})`;
    out.push(line, '');
    // A layer placed on the line that called its helper: where the helper made it.
    if (layer.via?.length) out.push(`_${viaText(layer.via, layer.file, (f) => mdEscape((options.displayPath ?? ((p: string) => p))(f)))}._`, '');
    if (layer.weights.length) {
      out.push('| weight | shape | ‖g‖ | mean \\|g\\| | max \\|g\\| | zeros | ‖g‖/‖w‖ | NaN/Inf |', '|---|---|--:|--:|--:|--:|--:|--:|');
      for (const w of layer.weights) {
        const s = w.stats;
        const short = w.name.startsWith(`${layer.name}/`) ? w.name.slice(layer.name.length + 1) : w.name;
        out.push(
          `| ${mdEscape(short)} | ${w.shape.join('×') || 'scalar'} | ${formatNumber(s ? w.gradNorm : undefined)} | ${formatNumber(s?.meanAbs)} | ${formatNumber(s?.maxAbs)} | ${percent(s?.zeroShare)} | ${s ? ratioText(s.ratio, s.weightNorm) : '–'} | ${s ? `${s.nanCount}/${s.infCount}` : '–'} |`,
        );
      }
      out.push('');
    } else {
      out.push('_No trainable weights._', '');
    }
    const extra: string[] = [];
    if (layer.deadShare !== undefined) extra.push(`dead units ${percent(layer.deadShare)}`);
    if (layer.saturatedShare !== undefined) extra.push(`saturated outputs ${percent(layer.saturatedShare)}`);
    if (extra.length) out.push(extra.join(' · '), '');
    for (const code of sortVerdicts(layer.verdicts)) {
      const finding = findingFor(findings, layer.name, code);
      out.push(`**${VERDICT_LABEL[code]}** ([${code}](${ruleUrl(code)})): ${finding ? findingText(finding, layer.name) : ''}`, '');
    }
    for (const note of findings.filter((f) => f.severity === 'info' && mentions(f, layer.name))) {
      out.push(`_Note_ ([${note.code}](${ruleUrl(note.code)})): ${findingText(note, layer.name)}`, '');
    }
    if (!layer.verdicts.length && layer.weights.length) out.push('Healthy gradients.', '');
  }
  if (layers.length > max) out.push(`_… and ${layers.length - max} more layers created on this line._`);
  return out.join('\n').trim();
}

/** A read-only Markdown rendering of the whole report (the "Show Markdown report" command). */
export function reportMarkdown(report: ProfileReport, ruleUrl: (code: FindingCode) => string, displayPath: (file: string) => string = (f) => f): string {
  const out: string[] = [`# Gradient Lens — ${mdEscape(displayPath(report.file))}`, ''];
  if (report.status === 'failed' && report.error) {
    const e = report.error;
    const where = e.location ? ` at ${mdEscape(displayPath(e.location.file))}:${e.location.line}:${e.location.column}` : '';
    out.push(`**The profile ${report.partial ? 'stopped early' : 'failed'}** (${e.kind})${where}: ${mdEscape(e.message)}`, '');
    if (e.details?.length) out.push(...e.details.map((d) => `- ${mdEscape(d)}`), '');
    if (!report.partial) return out.join('\n');
    out.push(`_${mdEscape(partialNote(report)!)}_`, '');
  }
  if (report.status === 'running') out.push('_Profiling…_', '');
  out.push(
    `- model **${mdEscape(report.modelName ?? '?')}** (${report.modelClass ?? '?'}, ${report.discovery ?? '?'}${report.exportName ? ` "${mdEscape(report.exportName)}"` : ''})`,
    `- ${mdEscape(runtimeLine(report))}`,
    `- loss ${mdEscape(report.loss ?? '?')}; optimizer ${mdEscape(report.optimizer ?? '?')}; batch ${report.batchSize ?? '?'}; ${Math.max(0, report.steps.length - 1)} steps`,
    `- data: ${mdEscape(report.dataNote ?? '?')}`,
  );
  if (report.rowsNote) out.push(`- ${mdEscape(report.rowsNote)}`);
  if (report.lossNote) out.push(`- ${mdEscape(report.lossNote)}`);
  if (report.steps.length) out.push(`- loss over the steps: \`${sparkline(report.steps.map((s) => s.loss))}\` ${formatNumber(report.steps[0].loss)} → ${formatNumber(report.steps[report.steps.length - 1].loss)}`);
  out.push('', '| layer | class | line | ‖g‖ step 0 | trend | verdict |', '|---|---|--:|--:|---|---|');
  for (const layer of report.layers) {
    out.push(
      `| ${layer.parent ? '↳ ' : ''}${mdEscape(layer.name)} | ${mdEscape(layer.className)}${layer.activation ? ` (${mdEscape(layer.activation)})` : ''} | ${layer.line ?? ''} | ${layer.weights.length ? formatNumber(layer.gradNorm) : '–'} | ${layer.steps.length > 1 && layer.weights.length ? sparkline(layer.steps.map((s) => s.gradNorm)) : ''} | ${sortVerdicts(layer.verdicts).map((v) => `[${VERDICT_LABEL[v]}](${ruleUrl(v)})`).join(', ') || (layer.weights.length ? 'ok' : '')} |`,
    );
  }
  out.push('', '## Findings', '');
  const stops = report.probeStops ?? [];
  const unchecked = probeStopsSummary(stops);
  if (!report.findings.length) out.push(unchecked ? `No findings on the checks made: ${unchecked}.` : 'No findings: gradients look healthy.');
  for (const f of report.findings) {
    out.push(`- **${f.severity}** [${f.code}](${ruleUrl(f.code)})${f.layer ? ` ${mdEscape(f.layer)}` : ''}${f.line ? ` (line ${f.line})` : ''}: ${mdEscape(f.message)}`);
    for (const r of f.related ?? []) out.push(`  - ${isLayerSite(r) ? 'also' : 'see'} ${mdEscape(r.layer)}${r.line ? ` (line ${r.line})` : ''}: ${mdEscape(r.message)}`);
  }
  // A check that stopped before it decided: its finding is absent, not passed (core/probeStops.ts).
  for (const section of probeStopSections(stops, report.backend)) out.push('', `## ${section.title}`, '', ...section.texts.map((text) => `- ${mdEscape(text)}`));
  return out.join('\n');
}
