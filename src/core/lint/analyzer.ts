// Reads what a model file builds: tfjs bindings (any local name), constant values, the layers each call
// creates, the order they are stacked in (model.add, tf.sequential({layers}), .apply chains, for loops)
// and compile()/optimizer calls. Anything not resolvable from this file becomes `unknown`, and the rules
// stay silent on unknowns. Two passes: scopes (scopes.ts), then one walk in source order that evaluates
// (evaluate.ts) and recognizes models (recognize.ts) with the values of reassigned bindings tracked as the
// code runs.
import type { Node } from '@babel/types';
import { UNKNOWN, type ModelFacts, type Repeat, type Val } from './facts';
import { forCount, times } from './loops';
import { ModelRecognizer, type WalkContext } from './recognize';
import { buildScopes, lookup, type Binding, type Scope, type ScopeTable } from './scopes';
import { createsScope, forEachChild, isFunctionNode } from './traversal';

export type { Val, OptimizerSite } from './facts';
export { isTfjsModule } from './scopes';

/** How a nested piece of code runs relative to the code around it. */
interface RunsAs {
  /** How many times (default: as often as the code around it). */
  repeat?: Repeat;
  /** It may not run at all (default: as the code around it). */
  conditional?: boolean;
  /** Values assigned inside still hold after it (a loop with a known count); else they become unknown. */
  keepValuesAfter?: boolean;
  /** Walk the node's children, not the node itself (its own case in walk() would recurse). */
  childrenOnly?: boolean;
}

const walkChild = (child: Node, analyzer: Analyzer, scope: Scope) => analyzer.walk(child, scope);

export class Analyzer {
  readonly facts: ModelFacts;
  private readonly scopes: ScopeTable;
  private readonly context: WalkContext = { repeat: 1, conditional: false, owner: undefined };
  private readonly models: ModelRecognizer;
  /**
   * Bindings written inside the loop/branch/function being walked (innermost last): after code that may
   * run zero or several times, their values are unknown.
   */
  private readonly writtenStack: Set<Binding>[] = [];

  constructor(private readonly program: Node) {
    this.scopes = buildScopes(program);
    this.facts = { usesTfjs: this.scopes.usesTfjs, layers: [], optimizers: [], models: [], compiles: [] };
    this.models = new ModelRecognizer(this.facts, this.context);
  }

  run(): ModelFacts {
    this.walk(this.program, this.scopes.root);
    this.models.finish();
    return this.facts;
  }

  private evaluate(node: Node, scope: Scope): Val {
    return this.models.values.evaluate(node, scope);
  }

  private write(b: Binding, value: Val): void {
    this.models.values.current.set(b, value);
    this.writtenStack[this.writtenStack.length - 1]?.add(b);
  }

  private writeTargets(target: Node, scope: Scope): void {
    if (target.type === 'Identifier') {
      const b = lookup(target.name, scope);
      if (b) this.write(b, UNKNOWN);
    } else if (target.type === 'ObjectPattern') target.properties.forEach((p) => this.writeTargets(p.type === 'RestElement' ? p.argument : p.value, scope));
    else if (target.type === 'ArrayPattern') target.elements.forEach((e) => e && this.writeTargets(e, scope));
    else if (target.type === 'AssignmentPattern') this.writeTargets(target.left, scope);
    else if (target.type === 'RestElement') this.writeTargets(target.argument, scope);
  }

  /** Walks `node` as code that runs as `runsAs` says, then restores the context. */
  private nested(node: Node, scope: Scope, runsAs: RunsAs): void {
    const saved = { repeat: this.context.repeat, conditional: this.context.conditional };
    this.context.repeat = runsAs.repeat ?? saved.repeat;
    this.context.conditional = runsAs.conditional ?? saved.conditional;
    this.writtenStack.push(new Set());
    if (runsAs.childrenOnly) forEachChild(node, walkChild, this, scope);
    else this.walk(node, scope);
    const written = this.writtenStack.pop()!;
    this.context.repeat = saved.repeat;
    this.context.conditional = saved.conditional;
    const outer = this.writtenStack[this.writtenStack.length - 1];
    for (const b of written) {
      if (!runsAs.keepValuesAfter) this.models.values.current.set(b, UNKNOWN);
      outer?.add(b);
    }
  }

  walk(node: Node, scope: Scope): void {
    const inner = createsScope(node) ? (this.scopes.scopeOf.get(node) ?? scope) : scope;
    switch (node.type) {
      case 'VariableDeclarator': {
        if (node.init) this.walk(node.init, inner);
        if (node.id.type === 'Identifier' && node.init) {
          const b = lookup(node.id.name, inner);
          if (b) {
            if (b.reassigned) this.write(b, this.evaluate(node.init, inner));
            else if (!this.models.values.constants.has(b)) this.models.values.constants.set(b, this.evaluate(node.init, inner));
          }
        }
        return;
      }
      case 'AssignmentExpression': {
        this.walk(node.right, inner);
        if (node.left.type === 'Identifier' && node.operator === '=') {
          const b = lookup(node.left.name, inner);
          if (b) this.write(b, this.evaluate(node.right, inner));
        } else this.writeTargets(node.left, inner);
        return;
      }
      case 'UpdateExpression':
        this.writeTargets(node.argument, inner);
        return;
      case 'CallExpression': {
        forEachChild(node, walkChild, this, inner);
        this.evaluate(node, inner);
        this.models.methodCall(node, inner);
        return;
      }
      case 'ForStatement': {
        if (node.init) this.walk(node.init, inner);
        if (node.test) this.walk(node.test, inner);
        const count = forCount(node, (n) => this.evaluate(n, inner));
        if (count === 0) return;
        this.nested(node.body, inner, { repeat: times(this.context.repeat, count), keepValuesAfter: count !== 'unknown' });
        if (node.update) this.walk(node.update, inner);
        return;
      }
      case 'ForOfStatement': {
        this.walk(node.right, inner);
        const iterated = this.evaluate(node.right, inner);
        const count: Repeat = iterated.kind === 'arr' && !iterated.open ? iterated.items.length : 'unknown';
        if (count === 0) return;
        this.nested(node.body, inner, { repeat: times(this.context.repeat, count), keepValuesAfter: count !== 'unknown' });
        return;
      }
      case 'ForInStatement':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const body = node.body;
        forEachChild(node, (child: Node, analyzer: Analyzer, sc: Scope) => child !== body && analyzer.walk(child, sc), this, inner);
        this.nested(body, inner, { repeat: 'unknown' });
        return;
      }
      case 'IfStatement': {
        this.walk(node.test, inner);
        this.nested(node.consequent, inner, { conditional: true });
        if (node.alternate) this.nested(node.alternate, inner, { conditional: true });
        return;
      }
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'SwitchStatement':
      case 'TryStatement':
      case 'OptionalCallExpression':
        // Code that may or may not run: layers created here are conditional.
        this.nested(node, inner, { conditional: true, childrenOnly: true });
        return;
      default:
        if (isFunctionNode(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
          // A function body runs when called (maybe several times): its statements keep their order,
          // and values assigned inside are unknown outside it.
          const savedOwner = this.context.owner;
          this.context.owner = node;
          this.nested(node, inner, { childrenOnly: true });
          this.context.owner = savedOwner;
          return;
        }
        forEachChild(node, walkChild, this, inner);
    }
  }
}

/** Reads `program` into facts. Never throws on odd code: what it does not understand is unknown. */
export function analyzeModel(program: Node): ModelFacts {
  return new Analyzer(program).run();
}
