// Model recognition: which calls create layers, initializers, optimizers, models and symbolic tensors
// (tf.layers.*, tf.initializers.*, tf.train.*, tf.sequential/model/input, layer.apply), and what
// model.add()/model.compile() do to the models this file built. Each call site is recognized once, with
// the repeat count and conditionality of the code it sits in (the walk's context).
import type { Node, CallExpression } from '@babel/types';
import { UNKNOWN, type ChainEntry, type LayerSite, type ModelFacts, type ModelSite, type OptimizerSite, type Repeat, type Val } from './facts';
import { ConstantEvaluator, member } from './evaluate';
import { isTfjsModule, lookup, moduleName, type Scope } from './scopes';
import { forwardedCall } from './forwarding';

/** Where the walk is: how often the current code runs, whether it may not run, in which function. */
export interface WalkContext {
  repeat: Repeat;
  conditional: boolean;
  /** The function whose body is being walked (undefined: top level). */
  owner: Node | undefined;
}

function plainArgument(node: CallExpression, i: number): Node | undefined {
  const a = node.arguments[i];
  return a && a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder' ? a : undefined;
}

function tensorOf(v: Val): { producer: LayerSite | undefined; known: boolean } {
  if (v.kind === 'tensor') return { producer: v.producer, known: true };
  if (v.kind === 'arr' && !v.open && v.items.length === 1) return tensorOf(v.items[0]);
  return { producer: undefined, known: false };
}

export class ModelRecognizer {
  readonly values = new ConstantEvaluator((node, scope) => this.callValue(node, scope));
  private readonly layerAt = new Map<Node, LayerSite>();
  private readonly optimizerAt = new Map<Node, OptimizerSite>();
  private readonly modelAt = new Map<Node, ModelSite>();
  private readonly compiled = new Set<Node>();
  /** Sequential models that got layers from another function: where those land is unknown. */
  private readonly unordered = new Set<ModelSite>();

  constructor(
    readonly facts: ModelFacts,
    private readonly context: WalkContext,
  ) {}

  /** Closes what is only known at the end: models with layers added from elsewhere end in an unknown. */
  finish(): void {
    for (const model of this.unordered) model.entries.push({ kind: 'unknown' });
  }

  /**
   * A loss given as a function that only forwards its (labels, predictions) to one tfjs loss — `(y, p) =>
   * tf.losses.sigmoidCrossEntropy(y, p)`, inline, through a const or a function declaration — is that loss (an eta-reduction: the two
   * compute the same); a function that does anything else stays unknown.
   */
  private lossValue(val: Val, node: Node | undefined, scope: Scope): Val {
    if (val.kind !== 'unknown' || !node) return val;
    let fn: Node | undefined = node;
    let fnScope = scope;
    if (node.type === 'Identifier') {
      const b = lookup(node.name, scope);
      if (!b || b.reassigned || b.path?.length) return val;
      fn = b.kind === 'const' ? b.init : b.kind === 'function' ? b.declaration : undefined;
      if (!fn) return val;
      fnScope = b.scope;
    }
    const call = forwardedCall(fn, 2);
    if (!call) return val;
    const callee = this.values.evaluate(call.callee, fnScope);
    return callee.kind === 'tf' && callee.path.length === 2 && (callee.path[0] === 'losses' || callee.path[0] === 'metrics') ? callee : val;
  }

  private callValue(node: CallExpression, scope: Scope): Val {
    if (node.callee.type === 'Identifier' && node.callee.name === 'require' && !lookup('require', scope)) {
      return isTfjsModule(moduleName(node.arguments[0])) ? { kind: 'tf', path: [] } : UNKNOWN;
    }
    if (node.callee.type === 'V8IntrinsicIdentifier') return UNKNOWN;
    const callee = this.values.evaluate(node.callee, scope);
    if (callee.kind === 'tf') {
      const path = callee.path;
      const [ns, name] = path;
      if (path.length === 2 && ns === 'layers') return { kind: 'layer', site: this.layerSite(node, name, scope) };
      if (path.length === 2 && ns === 'initializers') return { kind: 'init', name, config: node.arguments.length ? this.values.argument(node, 0, scope) : { kind: 'nullish', node }, node };
      if (path.length === 2 && ns === 'train') return { kind: 'opt', site: this.optimizerSite(node, name, scope) };
      if (path.length === 1 && ns === 'sequential') return { kind: 'model', model: this.sequentialModel(node, scope) };
      if (path.length === 1 && ns === 'model') return { kind: 'model', model: this.functionalModel(node, scope) };
      if (path.length === 1 && ns === 'input') return { kind: 'tensor', producer: undefined };
      return UNKNOWN;
    }
    // layer.apply(x): the functional API.
    if ((node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression') && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'apply') {
      const layer = this.values.evaluate(node.callee.object, scope);
      if (layer.kind === 'layer') {
        if (!layer.site.input) {
          const arg = this.values.argument(node, 0, scope);
          layer.site.input = tensorOf(arg);
          if (arg.kind === 'arr' && arg.items.length > 1) for (const item of arg.items) if (item.kind === 'tensor' && item.producer) item.producer.feedsMerge = true;
        }
        return { kind: 'tensor', producer: layer.site };
      }
    }
    return UNKNOWN;
  }

  private layerSite(node: CallExpression, className: string, scope: Scope): LayerSite {
    const existing = this.layerAt.get(node);
    if (existing) return existing;
    const arg0 = node.arguments[0];
    const site: LayerSite = {
      className,
      call: node,
      config: arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? this.values.evaluate(arg0, scope) : { kind: 'nullish', node },
      inlineConfig: arg0?.type === 'ObjectExpression' ? arg0 : undefined,
      input: undefined,
      repeat: this.context.repeat,
      conditional: this.context.conditional,
      feedsMerge: false,
    };
    this.layerAt.set(node, site);
    this.facts.layers.push(site);
    return site;
  }

  private optimizerSite(node: CallExpression, name: string, scope: Scope): OptimizerSite {
    const existing = this.optimizerAt.get(node);
    if (existing) return existing;
    const plain = plainArgument(node, 0);
    const site: OptimizerSite = { name, call: node, learningRate: plain ? this.values.evaluate(plain, scope) : undefined, learningRateNode: plain };
    this.optimizerAt.set(node, site);
    this.facts.optimizers.push(site);
    return site;
  }

  private entryFor(expr: Node, val: Val, swappable: boolean): ChainEntry {
    if (val.kind !== 'layer') return { kind: 'unknown' };
    return { kind: 'layer', site: val.site, repeat: this.context.repeat, conditional: this.context.conditional, expr, swappable };
  }

  private sequentialModel(node: CallExpression, scope: Scope): ModelSite {
    const existing = this.modelAt.get(node);
    if (existing) return existing;
    const model: ModelSite = { kind: 'sequential', node, entries: [], outputs: undefined, owner: this.context.owner };
    this.modelAt.set(node, model);
    this.facts.models.push(model);
    const arg0 = plainArgument(node, 0);
    if (arg0) {
      const config = this.values.evaluate(arg0, scope);
      const layers = member(config, 'layers');
      if (layers.kind === 'arr') {
        // Elements of an array literal can be reordered by a fix; layers reached through spreads cannot.
        const literal = layers.node.type === 'ArrayExpression' && !layers.open && layers.node.elements.length === layers.items.length ? layers.node : undefined;
        layers.items.forEach((item, i) => model.entries.push(this.entryFor(literal?.elements[i] ?? layers.node, item, literal !== undefined)));
        if (layers.open) model.entries.push({ kind: 'unknown' });
      } else if (layers.kind !== 'nullish') model.entries.push({ kind: 'unknown' });
    }
    return model;
  }

  private functionalModel(node: CallExpression, scope: Scope): ModelSite {
    const existing = this.modelAt.get(node);
    if (existing) return existing;
    const arg0 = plainArgument(node, 0);
    const config = arg0 ? this.values.evaluate(arg0, scope) : UNKNOWN;
    const model: ModelSite = { kind: 'functional', node, entries: [], outputs: member(config, 'outputs'), owner: this.context.owner };
    this.modelAt.set(node, model);
    this.facts.models.push(model);
    return model;
  }

  /** `model.add(...)` / `model.compile(...)` where `model` is a model this file built. */
  methodCall(node: CallExpression, scope: Scope): void {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
    if (callee.computed || callee.property.type !== 'Identifier') return;
    const method = callee.property.name;
    if (method !== 'add' && method !== 'compile') return;
    const target = this.values.evaluate(callee.object, scope);
    const plain = plainArgument(node, 0);
    if (method === 'add' && target.kind === 'model' && target.model.kind === 'sequential') {
      // An add() in another function than the one that built the model (a helper, a forEach callback)
      // runs when and as often as that function is called: where its layer lands is unknown, and so is
      // which layer ends the model.
      if (target.model.owner !== this.context.owner) {
        if (plain) this.values.evaluate(plain, scope);
        target.model.entries.push({ kind: 'unknown' });
        this.unordered.add(target.model);
        return;
      }
      target.model.entries.push(plain ? this.entryFor(plain, this.values.evaluate(plain, scope), true) : { kind: 'unknown' });
      return;
    }
    if (method === 'compile' && plain && !this.compiled.has(node)) {
      const config = this.values.evaluate(plain, scope);
      if (config.kind !== 'obj') return;
      const optimizer = config.props.get('optimizer');
      const loss = config.props.get('loss');
      if (!optimizer && !loss) return;
      this.compiled.add(node);
      this.facts.compiles.push({
        call: node,
        model: target.kind === 'model' ? target.model : undefined,
        optimizer: optimizer?.val ?? UNKNOWN,
        optimizerNode: optimizer?.prop?.value,
        loss: loss ? this.lossValue(loss.val, loss.prop?.value, scope) : UNKNOWN,
        lossNode: loss?.prop?.value,
      });
    }
  }
}
