// The rules: each reads the model facts, reports with a stable code, and offers a fix only where one is
// clearly right. Reasoning and sources: docs/lint/<code>.md.
import type { Node, ObjectExpression, ObjectProperty } from '@babel/types';
import { configProp, type ChainEntry, type CompileSite, type LayerSite, type ModelFacts, type ModelSite, type Val } from './model';
import type { LineIndex } from './parse';
import type { LintEdit, LintFix, LintSeverity } from './types';
import { GLOROT_MATCHED, RELU_LIKE, SATURATING } from '../activations';

const DOCS_BASE = 'https://github.com/gradient-lens/gradient-lens/blob/main/docs/lint';

export interface RuleInfo { code: string; defaultSeverity: LintSeverity; title: string; docUrl: string }

function rule(code: string, defaultSeverity: LintSeverity, title: string): RuleInfo {
  return { code, defaultSeverity, title, docUrl: `${DOCS_BASE}/${code}.md` };
}

export const RULES = {
  deepSaturating: rule('deep-saturating-stack', 'warning', 'Deep stack of sigmoid/tanh hidden layers'),
  constantInit: rule('constant-initializer', 'warning', 'Constant (zeros/ones/constant) kernel initializer'),
  largeInit: rule('large-initializer', 'warning', 'Random kernel initializer with a large scale'),
  initMismatch: rule('initializer-activation-mismatch', 'info', 'Initializer not matched to the activation'),
  lossMismatch: rule('loss-activation-mismatch', 'warning', 'Loss not matched to the output layer'),
  linearStack: rule('linear-dense-stack', 'warning', 'Consecutive Dense layers without a non-linearity'),
  bnAfterDropout: rule('batchnorm-after-dropout', 'warning', 'BatchNormalization right after Dropout'),
  dropoutBeforePooling: rule('dropout-before-pooling', 'warning', 'Dropout right before pooling'),
  biasBeforeBn: rule('bias-before-batchnorm', 'info', 'Biased layer feeding BatchNormalization'),
  learningRate: rule('learning-rate-range', 'warning', 'Learning rate outside the sane range of the optimizer'),
  dropoutRate: rule('dropout-rate', 'warning', 'Dropout rate outside (0, 0.9)'),
  recurrentLr: rule('recurrent-high-learning-rate', 'warning', 'Recurrent layers with a high learning rate and no gradient clipping'),
} as const;

export const LINT_RULES: readonly RuleInfo[] = Object.values(RULES);

const WEIGHT_LAYERS = new Set(['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'separableConv2d', 'depthwiseConv2d']);
const RECURRENT_LAYERS = new Set(['lstm', 'gru', 'simpleRNN', 'rnn', 'convLstm2d', 'bidirectional']);
const DROPOUT_LAYERS = new Set(['dropout', 'spatialDropout1d', 'spatialDropout2d', 'alphaDropout', 'gaussianDropout']);
/** Layers that pass values through without a non-linearity (Dense → these → Dense still collapses). */
const LINEAR_PASS_LAYERS = new Set([...DROPOUT_LAYERS, 'flatten', 'reshape', 'permute']);
/** Layers between a weight layer and its Activation layer that do not change which activation it has. */
const TRANSPARENT_LAYERS = new Set([...LINEAR_PASS_LAYERS, 'batchNormalization']);
/** Advanced-activation layers: all ReLU-like. */
const ACTIVATION_LAYERS: Record<string, string> = { reLU: 'relu', leakyReLU: 'relu', prelu: 'relu', elu: 'elu', thresholdedReLU: 'relu', softmax: 'softmax' };


const isPooling = (className: string) => className.toLowerCase().includes('pool');

interface Activation {
  /** Lower-case activation name. */
  name: string;
  /** The string literal it is written as, when written in the layer's own config (fixes edit it there). */
  literal: Node | undefined;
  /** Where it is written at all (for ranges), undefined for a default. */
  node: Node | undefined;
  site: LayerSite;
}

function defaultActivation(className: string): string | undefined {
  if (WEIGHT_LAYERS.has(className)) return 'linear';
  if (className === 'lstm' || className === 'gru' || className === 'simpleRNN') return 'tanh';
  return undefined;
}

/** The activation a layer applies itself; undefined when it cannot be known. */
function ownActivation(site: LayerSite): Activation | undefined {
  if (ACTIVATION_LAYERS[site.className]) return { name: ACTIVATION_LAYERS[site.className], literal: undefined, node: site.call, site };
  const p = configProp(site, 'activation');
  if (p === undefined) return undefined;
  if (p === 'absent' || p.val.kind === 'nullish') {
    const name = defaultActivation(site.className);
    return name ? { name, literal: undefined, node: undefined, site } : undefined;
  }
  if (p.val.kind !== 'str') return undefined;
  const literal = p.prop && p.prop.value === p.val.node ? p.val.node : undefined;
  return { name: p.val.value.toLowerCase(), literal, node: p.val.node, site };
}

function layerEntry(entry: ChainEntry | undefined): Extract<ChainEntry, { kind: 'layer' }> | undefined {
  return entry?.kind === 'layer' && !entry.site.conditional && !entry.conditional ? entry : undefined;
}

/** A weight layer's activation, including a following Activation layer when the layer itself is linear. */
function effectiveActivation(entries: ChainEntry[], i: number): Activation | undefined {
  const own = ownActivation((entries[i] as Extract<ChainEntry, { kind: 'layer' }>).site);
  if (!own || own.name !== 'linear') return own;
  for (let j = i + 1; j < entries.length; j++) {
    const next = layerEntry(entries[j]);
    if (!next) return undefined;
    const cls = next.site.className;
    if (cls === 'activation' || ACTIVATION_LAYERS[cls]) return ownActivation(next.site);
    if (!TRANSPARENT_LAYERS.has(cls)) return own;
  }
  return own;
}

function repeatCount(entry: Extract<ChainEntry, { kind: 'layer' }>): number {
  return entry.repeat === 'unknown' ? 1 : entry.repeat;
}

/** The ordered layer sequences this file builds: sequential models, and paths through .apply() chains. */
export function sequences(facts: ModelFacts): ChainEntry[][] {
  const out: ChainEntry[][] = facts.models.filter((m) => m.kind === 'sequential').map((m) => m.entries);
  const applied = facts.layers.filter((s) => s.input);
  const consumed = new Set(applied.map((s) => s.input?.producer).filter((p): p is LayerSite => p !== undefined));
  for (const sink of applied) if (!consumed.has(sink)) out.push(functionalPath(sink));
  return out;
}

function functionalPath(sink: LayerSite): ChainEntry[] {
  const path: ChainEntry[] = [];
  const seen = new Set<LayerSite>();
  for (let site: LayerSite | undefined = sink; site && !seen.has(site); site = site.input?.producer) {
    seen.add(site);
    path.unshift({ kind: 'layer', site, repeat: site.repeat, conditional: site.conditional, expr: site.call, swappable: false });
    if (!site.input?.known) {
      path.unshift({ kind: 'unknown' });
      break;
    }
  }
  return path;
}

function modelSequence(model: ModelSite): ChainEntry[] | undefined {
  if (model.kind === 'sequential') return model.entries;
  const out = model.outputs;
  const producer = out?.kind === 'tensor' ? out.producer : out?.kind === 'arr' && !out.open && out.items.length === 1 && out.items[0].kind === 'tensor' ? out.items[0].producer : undefined;
  return producer ? functionalPath(producer) : undefined;
}

export interface RuleContext {
  text: string;
  lines: LineIndex;
  deepStackMin: number;
  report(info: RuleInfo, node: Node, message: string, fixes?: LintFix[], related?: { node: Node; message: string }[]): void;
}

// ---- edit helpers ----

function quoteOf(ctx: RuleContext, near: ObjectExpression | undefined): string {
  const literal = near?.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && p.value.type === 'StringLiteral');
  const ch = literal ? ctx.text[literal.value.start!] : "'";
  return ch === '"' || ch === '`' ? ch : "'";
}

function replaceEdit(ctx: RuleContext, node: Node, newText: string): LintEdit {
  return { range: ctx.lines.range(node.start!, node.end!), newText };
}

/** Sets `key` in the layer's inline config to `valueText`: replaces the written value, or adds the property. */
function setPropEdit(ctx: RuleContext, site: LayerSite, key: string, valueText: string): LintEdit | undefined {
  const obj = site.inlineConfig;
  if (!obj) return undefined;
  const p = configProp(site, key);
  if (p === undefined) return undefined;
  if (p !== 'absent') return p.prop ? replaceEdit(ctx, p.prop.value, valueText) : undefined;
  const last = obj.properties[obj.properties.length - 1];
  if (last) return { range: ctx.lines.range(last.end!, last.end!), newText: `, ${key}: ${valueText}` };
  return { range: ctx.lines.range(obj.start! + 1, obj.start! + 1), newText: ` ${key}: ${valueText} ` };
}

function stringEdit(ctx: RuleContext, site: LayerSite, key: string, value: string): LintEdit | undefined {
  const q = quoteOf(ctx, site.inlineConfig);
  return setPropEdit(ctx, site, key, `${q}${value}${q}`);
}

function fix(title: string, edits: (LintEdit | undefined)[], isPreferred = true): LintFix[] {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return [];
  const unique = new Map<number, LintEdit>();
  for (const e of edits as LintEdit[]) unique.set(e.range.start.offset * 1e7 + e.range.end.offset, e);
  return [{ title, edits: [...unique.values()].sort((a, b) => a.range.start.offset - b.range.start.offset), isPreferred }];
}

/** Swaps two layer expressions (model.add arguments or array elements): the reorder fix. */
function swapFix(ctx: RuleContext, title: string, a: Extract<ChainEntry, { kind: 'layer' }>, b: Extract<ChainEntry, { kind: 'layer' }>): LintFix[] {
  if (!a.swappable || !b.swappable || a.expr.end! > b.expr.start!) return [];
  const textA = ctx.text.slice(a.expr.start!, a.expr.end!);
  const textB = ctx.text.slice(b.expr.start!, b.expr.end!);
  return fix(title, [replaceEdit(ctx, a.expr, textB), replaceEdit(ctx, b.expr, textA)]);
}

function matchingInitializer(activation: string, distribution: 'Normal' | 'Uniform'): string {
  if (RELU_LIKE.has(activation)) return `he${distribution}`;
  if (activation === 'selu') return 'lecunNormal';
  return `glorot${distribution}`;
}

function initializerFamily(name: string): 'he' | 'glorot' | 'lecun' | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('he')) return 'he';
  if (lower.startsWith('glorot')) return 'glorot';
  if (lower.startsWith('lecun')) return 'lecun';
  return undefined;
}

function expectedFamily(activation: string): 'he' | 'glorot' | 'lecun' | undefined {
  if (RELU_LIKE.has(activation)) return 'he';
  if (GLOROT_MATCHED.has(activation)) return 'glorot';
  if (activation === 'selu') return 'lecun';
  return undefined;
}

function initializerOf(val: Val): { name: string; config: Val | undefined; node: Node } | undefined {
  if (val.kind === 'str') return { name: val.value, config: undefined, node: val.node };
  if (val.kind === 'init') return { name: val.name, config: val.config, node: val.node };
  return undefined;
}

function numberIn(config: Val | undefined, key: string, fallback: number): number | undefined {
  if (!config || config.kind === 'nullish') return fallback;
  if (config.kind !== 'obj') return undefined;
  const p = config.props.get(key);
  if (!p) return config.open ? undefined : fallback;
  return p.val.kind === 'num' ? p.val.value : undefined;
}

// ---- rules ----

function deepSaturatingStack(ctx: RuleContext, entries: ChainEntry[]): void {
  let lastWeight = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'layer' && (WEIGHT_LAYERS.has(e.site.className) || RECURRENT_LAYERS.has(e.site.className))) lastWeight = i;
  });
  let run: { entry: Extract<ChainEntry, { kind: 'layer' }>; activation: Activation; index: number }[] = [];
  const flush = () => {
    // The output layer is not hidden: drop it (or its last repetition, in a loop) from the stack. A branch
    // that ends in a merge layer (concatenate, add, …) has no output layer of its own.
    let count = run.reduce((n, r) => n + repeatCount(r.entry), 0);
    const last = run[run.length - 1];
    if (last?.index === lastWeight && !last.entry.site.feedsMerge) {
      count -= 1;
      if (repeatCount(last.entry) === 1) run.pop();
    }
    if (count >= ctx.deepStackMin) {
      const names = [...new Set(run.map((r) => r.activation.name))].join('/');
      const first = run[0].activation;
      const edits: (LintEdit | undefined)[] = [];
      for (const r of run) {
        const q = quoteOf(ctx, r.activation.site.inlineConfig);
        edits.push(r.activation.literal ? replaceEdit(ctx, r.activation.literal, `${q}relu${q}`) : undefined);
        edits.push(stringEdit(ctx, r.entry.site, 'kernelInitializer', 'heNormal'));
      }
      ctx.report(
        RULES.deepSaturating,
        first.node ?? first.site.call,
        `${count} ${names} hidden layers in a row: every layer multiplies the backpropagated gradient by its activation's derivative (≤ 0.25 for sigmoid, ≈ 0 for saturated tanh), so the early layers barely learn (vanishing gradients); use ReLU-family activations with He initialization.`,
        fix(`Use 'relu' with 'heNormal' initialization in this stack`, edits),
        run.slice(1).map((r) => ({ node: r.activation.node ?? r.entry.site.call, message: `${r.activation.name} layer of the same stack` })),
      );
    }
    run = [];
  };
  entries.forEach((e, i) => {
    const entry = layerEntry(e);
    if (!entry) return flush();
    const cls = entry.site.className;
    if (WEIGHT_LAYERS.has(cls)) {
      const act = effectiveActivation(entries, i);
      if (act && SATURATING.has(act.name)) run.push({ entry, activation: act, index: i });
      else flush();
    } else if (!TRANSPARENT_LAYERS.has(cls) && cls !== 'activation' && !ACTIVATION_LAYERS[cls] && !isPooling(cls)) flush();
  });
  flush();
}

const KERNEL_INITIALIZER_KEYS = ['kernelInitializer', 'recurrentInitializer', 'depthwiseInitializer', 'pointwiseInitializer'];

function initializerRules(ctx: RuleContext, site: LayerSite): void {
  if (!WEIGHT_LAYERS.has(site.className) && !RECURRENT_LAYERS.has(site.className)) return;
  const own = ownActivation(site);
  for (const key of KERNEL_INITIALIZER_KEYS) {
    const p = configProp(site, key);
    if (!p || p === 'absent') continue;
    const init = initializerOf(p.val);
    if (!init) continue;
    const lower = init.name.toLowerCase();
    const inline = p.prop !== undefined && p.prop.value === init.node;
    const replacement = key === 'recurrentInitializer' ? 'orthogonal' : own && own.name !== 'linear' ? matchingInitializer(own.name, 'Normal') : own ? 'glorotUniform' : undefined;
    const q = quoteOf(ctx, site.inlineConfig);
    const replaceFix = () => (inline && replacement ? fix(`Use '${replacement}'`, [replaceEdit(ctx, init.node, `${q}${replacement}${q}`)]) : []);
    if (lower === 'zeros' || lower === 'ones' || lower === 'constant') {
      const value = lower === 'zeros' ? 0 : lower === 'ones' ? 1 : numberIn(init.config, 'value', 0);
      if (value === undefined) continue;
      const large = Math.abs(value) >= 1;
      ctx.report(
        RULES.constantInit,
        init.node,
        `${key} '${init.name}'${lower === 'constant' ? ` (${value})` : ''} gives every unit the same weights, so all units get the same gradient and never differentiate${large ? ', and weights of magnitude ≥ 1 make activations and gradients grow with depth (exploding)' : ''}; use ${replacement ? `'${replacement}'` : 'a random initializer matched to the activation'}.`,
        replaceFix(),
      );
      continue;
    }
    let scale: number | undefined;
    if (lower === 'randomnormal' || lower === 'truncatednormal') scale = numberIn(init.config, 'stddev', 0.05);
    else if (lower === 'randomuniform') {
      const lo = numberIn(init.config, 'minval', -0.05);
      const hi = numberIn(init.config, 'maxval', 0.05);
      scale = lo === undefined || hi === undefined ? undefined : Math.max(Math.abs(lo), Math.abs(hi));
    }
    if (scale !== undefined && scale >= 1) {
      ctx.report(
        RULES.largeInit,
        init.node,
        `${key} '${init.name}' with scale ${scale} makes each layer multiply activations and gradients by roughly √fanIn·${scale}, so they explode with depth; use ${replacement ? `'${replacement}'` : 'a variance-scaled initializer (He/Glorot/LeCun)'}.`,
        replaceFix(),
      );
      continue;
    }
    if (key !== 'kernelInitializer' || !own || !WEIGHT_LAYERS.has(site.className)) continue;
    const family = initializerFamily(init.name);
    const expected = expectedFamily(own.name);
    if (family && expected && family !== expected) {
      const distribution = lower.endsWith('uniform') ? 'Uniform' : 'Normal';
      const better = matchingInitializer(own.name, distribution);
      ctx.report(
        RULES.initMismatch,
        init.node,
        `'${init.name}' is scaled for ${family === 'he' ? 'ReLU-family' : family === 'lecun' ? 'SELU' : 'tanh/sigmoid/softmax'} activations, but this layer uses '${own.name}', so the signal variance drifts layer by layer; use '${better}'.`,
        inline ? fix(`Use '${better}'`, [replaceEdit(ctx, init.node, `${q}${better}${q}`)]) : [],
      );
    }
  }
  // SELU self-normalizes only from LeCun-normal weights; tfjs defaults to glorotUniform.
  if (own?.name === 'selu' && own.node && WEIGHT_LAYERS.has(site.className) && configProp(site, 'kernelInitializer') === 'absent') {
    ctx.report(
      RULES.initMismatch,
      own.node,
      `'selu' keeps activations normalized only with 'lecunNormal' weights, but the default initializer here is 'glorotUniform'; set kernelInitializer: 'lecunNormal'.`,
      fix(`Set kernelInitializer to 'lecunNormal'`, [stringEdit(ctx, site, 'kernelInitializer', 'lecunNormal')]),
    );
  }
}

function dropoutRate(ctx: RuleContext, site: LayerSite): void {
  const keys = DROPOUT_LAYERS.has(site.className) ? ['rate'] : RECURRENT_LAYERS.has(site.className) ? ['dropout', 'recurrentDropout'] : [];
  for (const key of keys) {
    const p = configProp(site, key);
    if (!p || p === 'absent' || p.val.kind !== 'num') continue;
    const rate = p.val.value;
    let problem: string | undefined;
    if (rate < 0 || rate >= 1) problem = `is outside [0, 1): tfjs rejects it or drops every unit, so nothing reaches the next layer`;
    else if (rate === 0 && key === 'rate') problem = `drops nothing, so the layer does nothing`;
    else if (rate >= 0.9) problem = `drops ${Math.round(rate * 100)} % of the units, so the next layer sees mostly zeros and gradients are noisy and ~${Math.round(1 / (1 - rate))}× scaled`;
    if (problem) ctx.report(RULES.dropoutRate, p.val.node, `${key === 'rate' ? 'Dropout rate' : key} ${rate} ${problem}; use a rate between 0.1 and 0.5.`);
  }
}

function adjacencyRules(ctx: RuleContext, entries: ChainEntry[]): void {
  for (let i = 0; i < entries.length; i++) {
    const a = layerEntry(entries[i]);
    if (!a) continue;
    const cls = a.site.className;
    const selfRepeats = a.repeat === 'unknown' || a.repeat >= 2;
    // Consecutive Dense layers without a non-linearity.
    if (cls === 'dense') {
      // A Dense layer repeated by a loop feeds itself through its own activation only.
      const repeatsItself = a.repeat !== 'unknown' && a.repeat >= 2;
      const act = repeatsItself ? ownActivation(a.site) : effectiveActivation(entries, i);
      if (act?.name === 'linear' && ownActivation(a.site)?.name === 'linear') {
        let next: Extract<ChainEntry, { kind: 'layer' }> | undefined;
        for (let j = i + 1; j < entries.length; j++) {
          const e = layerEntry(entries[j]);
          if (!e) break;
          if (LINEAR_PASS_LAYERS.has(e.site.className)) continue;
          if (e.site.className === 'dense') next = e;
          break;
        }
        // A narrower linear layer before a wider one is a deliberate low-rank bottleneck (an autoencoder's
        // code layer), not a redundant one.
        const bottleneck = next !== undefined && unitsOf(a.site) !== undefined && unitsOf(next.site) !== undefined && unitsOf(a.site)! < unitsOf(next.site)!;
        if ((next && !bottleneck) || repeatsItself) {
          ctx.report(
            RULES.linearStack,
            a.site.call,
            `This Dense layer has no activation and feeds ${next ? 'another Dense layer' : 'itself (loop)'}: the two collapse into one linear map, so the extra layer adds parameters but no capacity; add an activation such as 'relu'.`,
            fix(`Add activation 'relu'`, [stringEdit(ctx, a.site, 'activation', 'relu')]),
            next ? [{ node: next.site.call, message: 'the next Dense layer' }] : [],
          );
        }
      }
    }
    const b = layerEntry(entries[i + 1]);
    if (!b || selfRepeats || b.repeat === 'unknown' || b.repeat >= 2) continue;
    if (DROPOUT_LAYERS.has(cls) && b.site.className === 'batchNormalization') {
      ctx.report(
        RULES.bnAfterDropout,
        b.site.call,
        `BatchNormalization right after Dropout learns statistics of dropped-out activations that differ from what it sees at inference (variance shift), which hurts accuracy; put BatchNormalization before Dropout.`,
        swapFix(ctx, 'Move BatchNormalization before Dropout', a, b),
        [{ node: a.site.call, message: 'the Dropout layer' }],
      );
    }
    if (DROPOUT_LAYERS.has(cls) && isPooling(b.site.className)) {
      ctx.report(
        RULES.dropoutBeforePooling,
        a.site.call,
        `Dropout right before pooling is partly undone by it (max pooling picks a surviving neighbour) and drops values the pooling discards anyway; put Dropout after the pooling layer.`,
        swapFix(ctx, 'Move Dropout after the pooling layer', a, b),
        [{ node: b.site.call, message: 'the pooling layer' }],
      );
    }
    if (WEIGHT_LAYERS.has(cls) && b.site.className === 'batchNormalization' && ownActivation(a.site)?.name === 'linear') {
      const useBias = configProp(a.site, 'useBias');
      const biased = useBias === 'absent' || (useBias !== undefined && useBias.val.kind === 'bool' && useBias.val.value);
      if (biased) {
        ctx.report(
          RULES.biasBeforeBn,
          a.site.call,
          `This layer's bias is cancelled by the BatchNormalization right after it (it subtracts the mean and has its own beta), so the bias is wasted parameters; set useBias: false.`,
          fix('Set useBias: false', [setPropEdit(ctx, a.site, 'useBias', 'false')]),
          [{ node: b.site.call, message: 'the BatchNormalization layer' }],
        );
      }
    }
  }
}

function unitsOf(site: LayerSite): number | undefined {
  const p = configProp(site, 'units');
  return p && p !== 'absent' && p.val.kind === 'num' ? p.val.value : undefined;
}

/** The output layer of a sequence: the last weight layer, when nothing unknown follows it. */
function outputLayer(entries: ChainEntry[]): { entry: Extract<ChainEntry, { kind: 'layer' }>; activation: Activation | undefined } | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = layerEntry(entries[i]);
    if (!e || e.repeat === 'unknown') return undefined;
    const cls = e.site.className;
    if (WEIGHT_LAYERS.has(cls)) return { entry: e, activation: effectiveActivation(entries, i) };
    if (!TRANSPARENT_LAYERS.has(cls) && cls !== 'activation' && !ACTIVATION_LAYERS[cls]) return undefined;
  }
  return undefined;
}

function lossName(val: Val): { name: string; logits: boolean } | undefined {
  if (val.kind === 'str') return { name: val.value.replace(/_/g, '').toLowerCase(), logits: false };
  if (val.kind === 'tf' && val.path.length === 2 && (val.path[0] === 'losses' || val.path[0] === 'metrics')) {
    const name = val.path[1].toLowerCase();
    return { name, logits: name === 'softmaxcrossentropy' || name === 'sigmoidcrossentropy' };
  }
  return undefined;
}

function lossMismatch(ctx: RuleContext, compile: CompileSite): void {
  if (!compile.model || !compile.lossNode) return;
  const entries = modelSequence(compile.model);
  const out = entries && outputLayer(entries);
  const loss = lossName(compile.loss);
  if (!out?.activation || !loss) return;
  const act = out.activation;
  const units = out.entry.site.className === 'dense' ? unitsOf(out.entry.site) : undefined;
  const lossNode = compile.lossNode;
  const q = quoteOf(ctx, out.entry.site.inlineConfig);
  const setActivation = (name: string) => (act.literal ? replaceEdit(ctx, act.literal, `${q}${name}${q}`) : act.site === out.entry.site && act.name === 'linear' ? stringEdit(ctx, act.site, 'activation', name) : undefined);
  const setLoss = (name: string) => (lossNode.type === 'StringLiteral' ? replaceEdit(ctx, lossNode, `${ctx.text[lossNode.start!]}${name}${ctx.text[lossNode.start!]}`) : undefined);
  const related = [{ node: act.node ?? out.entry.site.call, message: `output activation '${act.name}'` }];
  const report = (message: string, fixes: LintFix[] = []) => ctx.report(RULES.lossMismatch, lossNode, message, fixes, related);
  const binary = loss.name === 'binarycrossentropy';
  const categorical = loss.name === 'categoricalcrossentropy' || loss.name === 'sparsecategoricalcrossentropy';
  if (loss.logits) {
    if (act.name === 'softmax' || act.name === 'sigmoid') report(`'${loss.name === 'softmaxcrossentropy' ? 'softmaxCrossEntropy' : 'sigmoidCrossEntropy'}' applies ${loss.name.startsWith('softmax') ? 'softmax' : 'sigmoid'} itself, so the '${act.name}' output is squashed twice and gradients shrink; make the output layer linear.`, fix(`Make the output linear`, [setActivation('linear')]));
    return;
  }
  if (act.name === 'softmax' && units === 1) {
    report(`A softmax over 1 unit always outputs 1, so the loss gradient is zero and nothing trains; use 'sigmoid' for a single output${categorical ? ' with binaryCrossentropy' : ''}.`, categorical ? [] : fix(`Use 'sigmoid' on the output`, [setActivation('sigmoid')]));
  } else if (act.name === 'softmax' && binary) {
    report(`binaryCrossentropy treats each softmax output as an independent probability, but softmax outputs compete and sum to 1; use categoricalCrossentropy (one-hot labels) for softmax outputs.`, fix(`Use 'categoricalCrossentropy'`, [setLoss('categoricalCrossentropy')]));
  } else if (act.name === 'sigmoid' && categorical && units === 1) {
    report(`${loss.name === 'sparsecategoricalcrossentropy' ? 'sparseCategoricalCrossentropy' : 'categoricalCrossentropy'} over a single sigmoid unit sees one class that is always "right", so it cannot learn; use binaryCrossentropy.`, fix(`Use 'binaryCrossentropy'`, [setLoss('binaryCrossentropy')]));
  } else if (act.name === 'sigmoid' && categorical && units !== undefined && units > 1) {
    report(`Categorical crossentropy expects outputs that sum to 1, but ${units} independent sigmoid units do not, so the loss rewards pushing every unit to 1; use 'softmax' on the output.`, fix(`Use 'softmax' on the output`, [setActivation('softmax')]));
  } else if ((binary && act.name !== 'sigmoid' && act.name !== 'softmax') || (categorical && act.name !== 'softmax' && act.name !== 'sigmoid')) {
    const wanted = binary ? 'sigmoid' : 'softmax';
    const fixable = binary || (units !== undefined && units > 1);
    report(`Crossentropy takes the log of probabilities, but a '${act.name}' output is not a probability (log of ≤ 0 gives NaN, and tfjs losses take no fromLogits flag); use '${wanted}' on the output layer.`, fixable ? fix(`Use '${wanted}' on the output`, [setActivation(wanted)]) : []);
  }
}

const LR_UPPER: Record<string, number> = { sgd: 1, momentum: 1, adagrad: 1, adam: 0.1, adamax: 0.1, rmsprop: 0.1 };
const RECURRENT_HIGH_LR: Record<string, number> = { sgd: 0.1, momentum: 0.1, adagrad: 0.1, adam: 0.01, adamax: 0.01, rmsprop: 0.01 };

function learningRate(ctx: RuleContext, facts: ModelFacts): void {
  for (const opt of facts.optimizers) {
    if (opt.learningRate?.kind !== 'num' || !opt.learningRateNode) continue;
    const lr = opt.learningRate.value;
    const upper = LR_UPPER[opt.name];
    let problem: string | undefined;
    if (!(lr > 0)) problem = `is not positive, so the weights never move or climb the loss; use a positive rate such as 1e-3`;
    else if (lr <= 1e-6) problem = `is ≤ 1e-6, so the weights barely move and the loss stays flat; start around 1e-3 (or find one with an LR range test)`;
    else if (upper !== undefined && lr > upper) problem = `is above ${upper}, the sane ceiling for ${opt.name}: updates overshoot and the loss diverges; start around ${opt.name === 'sgd' || opt.name === 'momentum' ? '0.01–0.1' : '1e-3'}`;
    if (problem) ctx.report(RULES.learningRate, opt.learningRateNode, `Learning rate ${lr} ${problem}.`);
  }
}

function recurrentLearningRate(ctx: RuleContext, compile: CompileSite): void {
  if (!compile.model || compile.optimizer.kind !== 'opt' || !compile.optimizerNode) return;
  const opt = compile.optimizer.site;
  const threshold = RECURRENT_HIGH_LR[opt.name];
  if (opt.learningRate?.kind !== 'num' || threshold === undefined || opt.learningRate.value < threshold) return;
  const entries = modelSequence(compile.model) ?? [];
  const recurrent = entries.find((e) => e.kind === 'layer' && RECURRENT_LAYERS.has(e.site.className));
  if (!recurrent || recurrent.kind !== 'layer') return;
  ctx.report(
    RULES.recurrentLr,
    compile.optimizerNode,
    `Recurrent layers backpropagate through every time step, where gradients can explode, and ${opt.name} at ${opt.learningRate.value} has no clipping (tfjs optimizers have no clipnorm); lower the rate (≈1e-3) or clip in a custom loop (tf.variableGrads, scale by the global norm, optimizer.applyGradients).`,
    [],
    [{ node: recurrent.site.call, message: `${recurrent.site.className} layer` }],
  );
}

export function runRules(ctx: RuleContext, facts: ModelFacts): void {
  const seqs = sequences(facts);
  for (const entries of seqs) {
    deepSaturatingStack(ctx, entries);
    adjacencyRules(ctx, entries);
  }
  for (const site of facts.layers) {
    initializerRules(ctx, site);
    dropoutRate(ctx, site);
  }
  learningRate(ctx, facts);
  for (const compile of facts.compiles) {
    lossMismatch(ctx, compile);
    recurrentLearningRate(ctx, compile);
  }
}
