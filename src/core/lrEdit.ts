// "Apply learning rate": the one text edit that sets a model file's learning rate, found statically.
// Reuses the lint analyzer's parse and name resolution (src/core/lint), so `const opt = tf.train.adam(1e-3)`
// … `compile({optimizer: opt})`, renamed tfjs bindings and learning-rate constants resolve the same way
// the lint rules see them. Pure: no vscode; offsets are UTF-16 indices into the text.
import type { Node, ObjectProperty } from '@babel/types';
import { analyzeModel, isTfjsModule, type OptimizerSite, type Val } from './lint/analyzer';
import { LineIndex, parseSource } from './lint/parse';
import { formatLearningRate } from './format';

export interface LrEdit {
  /** Replace text[start, end) with newText (start === end: an insertion). */
  start: number;
  end: number;
  newText: string;
  /** 1-based line of the edit, for labels and messages. */
  line: number;
  /** What changes, in words: "tf.train.adam(1e-3) → tf.train.adam(3e-4)". */
  description: string;
  /** A constant changed where it is defined: the 1-based lines of its other uses, which change with it. */
  otherUses?: number[];
  /** Set when the compile() the sweep reported was not found and another was chosen. */
  note?: string;
}

export interface LrEditOptions {
  /** 1-based line of the swept model's compile() call (reported by the runner): that call is edited. */
  compileLine?: number;
}

export type LrEditResult = { ok: true; edit: LrEdit } | { ok: false; reason: string };

/** The tf.train factories (all take the learning rate as their first argument). */
const TRAIN_OPTIMIZERS = new Set(['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop']);
/** Optimizer names compile() accepts as strings (tfjs-layers getOptimizer), to their tf.train factory. */
const STRING_OPTIMIZERS: Record<string, string> = { sgd: 'sgd', adam: 'adam', adagrad: 'adagrad', adadelta: 'adadelta', adamax: 'adamax', rmsprop: 'rmsprop' };

/** Computes the edit that sets the learning rate of the model compiled in `text` to `lr`. */
export function learningRateEdit(text: string, fileName: string, lr: number, options: LrEditOptions = {}): LrEditResult {
  if (!(Number.isFinite(lr) && lr > 0)) return { ok: false, reason: `${lr} is not a usable learning rate (it must be a positive finite number).` };
  const lines = new LineIndex(text);
  const lineOf = (node: Node | number) => lines.position(typeof node === 'number' ? node : (node.start ?? 0)).line + 1;
  const parsed = parseSource(text, fileName);
  if (!parsed.ast) {
    const error = parsed.errors[0];
    return { ok: false, reason: `${fileName} does not parse${error ? ` (line ${lineOf(error.offset)}: ${error.message})` : ''}.` };
  }
  const program = parsed.ast.program;
  const facts = analyzeModel(program);
  if (!facts.usesTfjs) return { ok: false, reason: `${fileName} does not import TensorFlow.js.` };
  const lrText = formatLearningRate(lr);
  const source = (node: Node) => text.slice(node.start!, node.end!);

  // The swept model's compile() when the runner reported it (V8 places a call at its callee's property,
  // which may sit on a later line than the call's start in a chain); else the first one that resolves.
  const swept = options.compileLine === undefined ? undefined : facts.compiles.find((c) => lineOf(c.call) <= options.compileLine! && options.compileLine! <= lineOf(c.call.callee.end!));
  const compile = swept ?? facts.compiles.find((c) => c.optimizer.kind === 'opt' || c.optimizer.kind === 'str') ?? facts.compiles[0];
  const note = options.compileLine !== undefined && !swept && compile ? `the swept model's compile() on line ${options.compileLine} is not there now; compile() on line ${lineOf(compile.call)} is edited instead` : undefined;
  const result = editFor(compile);
  return result.ok && note ? { ok: true, edit: { ...result.edit, note } } : result;

  function editFor(compile: (typeof facts.compiles)[number] | undefined): LrEditResult {
  let optimizer: Val | undefined = compile?.optimizer;
  if (!compile) {
    // No compile() (a custom training loop): the file's only tf.train optimizer is unambiguous.
    if (facts.optimizers.length !== 1) {
      return { ok: false, reason: facts.optimizers.length ? `${fileName} has no model.compile({optimizer}) call and ${facts.optimizers.length} tf.train optimizers; set the learning rate by hand.` : `${fileName} has no model.compile({optimizer}) call and no tf.train optimizer.` };
    }
    optimizer = { kind: 'opt', site: facts.optimizers[0] };
  }
  if (optimizer?.kind === 'opt') return trainCallEdit(optimizer.site, text, lrText, lineOf, source, program);
  if (optimizer?.kind === 'str' && compile?.optimizerNode) {
    const factory = STRING_OPTIMIZERS[optimizer.value.toLowerCase()];
    if (!factory) return { ok: false, reason: `compile() on line ${lineOf(compile.call)} uses the optimizer '${optimizer.value}', which has no tf.train factory to set a learning rate on.` };
    const train = trainNamespace(program);
    if (!train) return { ok: false, reason: `${fileName} has no TensorFlow.js binding (e.g. const tf = require('@tensorflow/tfjs')) to write tf.train.${factory}(${lrText}) with.` };
    const node = compile.optimizerNode;
    const call = `${train}.${factory}(${lrText})`;
    const shorthand = findProperty(program, node)?.shorthand ?? false;
    return {
      ok: true,
      edit: { start: node.start!, end: node.end!, newText: shorthand ? `${source(node)}: ${call}` : call, line: lineOf(node), description: `${shorthand ? source(node) : `optimizer ${source(node)}`} → ${call}` },
    };
  }
  const where = compile ? `compile() on line ${lineOf(compile.call)}` : 'the model';
  const what = compile?.optimizerNode ? `${source(compile.optimizerNode)}, which is not a tf.train optimizer or optimizer name defined in this file` : 'no optimizer';
  return { ok: false, reason: `${where} gets ${what}; set the learning rate by hand.` };
  }
}

function trainCallEdit(site: OptimizerSite, text: string, lrText: string, lineOf: (node: Node | number) => number, source: (node: Node) => string, program: Node): LrEditResult {
  const call = site.call;
  if (!TRAIN_OPTIMIZERS.has(site.name)) return { ok: false, reason: `tf.train.${site.name} on line ${lineOf(call)} is not an optimizer with a learning rate.` };
  const callee = source(call.callee);
  const argument = site.learningRateNode;
  if (!argument) {
    if (call.arguments.length) return { ok: false, reason: `The learning rate of ${callee}(…) on line ${lineOf(call)} is a spread argument; set it by hand.` };
    const open = text.indexOf('(', call.callee.end!);
    return { ok: true, edit: { start: open + 1, end: open + 1, newText: lrText, line: lineOf(open), description: `${source(call)} → ${callee}(${lrText})` } };
  }
  const value = site.learningRate;
  if (value?.kind !== 'num') {
    return { ok: false, reason: `The learning rate of ${callee}(${source(argument)}) on line ${lineOf(call)} is not a number defined in this file; set it by hand.` };
  }
  const inCall = value.node.start! >= argument.start! && value.node.end! <= argument.end!;
  // A constant (`const LR = 1e-3` … `tf.train.adam(LR)`) is changed where it is defined: other uses
  // of it (logging, schedules) keep agreeing with the optimizer.
  const target = inCall ? argument : value.node;
  const rest = call.arguments.length > 1 ? ', …' : '';
  const otherUses = inCall ? [] : usesOfConstant(program, target, call).map((node) => lineOf(node));
  const also = otherUses.length ? `; it is also used on line${otherUses.length > 1 ? 's' : ''} ${otherUses.join(', ')}, which change with it` : '';
  const description = inCall ? `${callee}(${source(argument)}${rest}) → ${callee}(${lrText}${rest})` : `${source(argument)} = ${source(target)} → ${lrText} (used by ${callee} on line ${lineOf(call)}${also})`;
  return { ok: true, edit: { start: target.start!, end: target.end!, newText: lrText, line: lineOf(target), description, ...(otherUses.length ? { otherUses } : {}) } };
}

/**
 * The other places that read the constant whose definition holds `value` (outside the optimizer call):
 * identifiers of the declared name, wherever they are not the declaration itself, a property key or a
 * member name. Shadowing names count too — the list errs towards telling the user more.
 */
function usesOfConstant(program: Node, value: Node, optimizerCall: Node): Node[] {
  let name: string | undefined;
  let declaration: Node | undefined;
  visit(program, (node) => {
    if (name) return false;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && node.init.start! <= value.start! && value.end! <= node.init.end!) {
      name = node.id.name;
      declaration = node.id;
    }
    return true;
  });
  if (!name) return [];
  const uses: Node[] = [];
  const inside = (node: Node, outer: Node) => outer.start! <= node.start! && node.end! <= outer.end!;
  const skip = new Set<Node>();
  visit(program, (node) => {
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) skip.add(node.property);
    if ((node.type === 'ObjectProperty' || node.type === 'ObjectMethod' || node.type === 'ClassProperty' || node.type === 'ClassMethod') && !node.computed && !(node.type === 'ObjectProperty' && node.shorthand)) skip.add(node.key);
    if (node.type === 'Identifier' && node.name === name && node !== declaration && !skip.has(node) && !inside(node, optimizerCall)) uses.push(node);
    return true;
  });
  return uses;
}

/**
 * The expression that reaches tf.train in this file: a namespace binding (`tf` of
 * `const tf = require('@tensorflow/tfjs')`, `import * as tf`, `import tf from`) + ".train", or a `train`
 * imported or destructured by name. The first such binding in source order.
 */
function trainNamespace(program: Node): string | undefined {
  let found: string | undefined;
  const isTfjsValue = (node: Node | null | undefined): boolean => {
    if (!node) return false;
    if (node.type === 'AwaitExpression') return isTfjsValue(node.argument);
    if (node.type === 'ImportExpression') return node.source.type === 'StringLiteral' && isTfjsModule(node.source.value);
    return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral' && isTfjsModule(node.arguments[0].value);
  };
  visit(program, (node) => {
    if (found) return false;
    if (node.type === 'ImportDeclaration' && isTfjsModule(node.source.value) && node.importKind !== 'type') {
      for (const spec of node.specifiers) {
        if (spec.type !== 'ImportSpecifier') found ??= `${spec.local.name}.train`;
        else if ((spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) === 'train' && spec.importKind !== 'type') found ??= spec.local.name;
      }
    } else if (node.type === 'TSImportEqualsDeclaration' && node.moduleReference.type === 'TSExternalModuleReference' && isTfjsModule(node.moduleReference.expression.value)) {
      found = `${node.id.name}.train`;
    } else if (node.type === 'VariableDeclarator' && isTfjsValue(node.init)) {
      if (node.id.type === 'Identifier') found = `${node.id.name}.train`;
      else if (node.id.type === 'ObjectPattern') {
        for (const p of node.id.properties) {
          if (p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'train' && p.value.type === 'Identifier') found ??= p.value.name;
        }
      }
    }
    return true;
  });
  return found;
}

/** The object property whose value is `value` (to keep `{ optimizer }` shorthand valid when replacing it). */
function findProperty(program: Node, value: Node): ObjectProperty | undefined {
  let found: ObjectProperty | undefined;
  visit(program, (node) => {
    if (found) return false;
    if (node.type === 'ObjectProperty' && node.value === value) found = node;
    return true;
  });
  return found;
}

/** Depth-first walk over AST children; `enter` returning false skips a node's children. */
function visit(node: Node, enter: (node: Node) => boolean): void {
  if (!enter(node)) return;
  for (const key in node) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof (item as Node).type === 'string') visit(item as Node, enter);
    } else if (child && typeof (child as Node).type === 'string') visit(child as Node, enter);
  }
}

/**
 * Where the learning rate of the tf.train call on `line` (1-based, as a stack frame gives it) is written when that is
 * another line: the number of a constant it reads (`const LEARNING_RATE = 0.5` … `tf.train.sgd(LEARNING_RATE)`),
 * resolved as the Apply edit resolves it. Undefined when the rate is written in the call, is not a number defined in
 * this file, or no tf.train call starts on that line. 1-based line and column.
 */
export function learningRateValueSite(text: string, fileName: string, line: number): { line: number; column: number } | undefined {
  const parsed = parseSource(text, fileName);
  if (!parsed.ast) return undefined;
  const facts = analyzeModel(parsed.ast.program);
  if (!facts.usesTfjs) return undefined;
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.position(offset).line + 1;
  const site = facts.optimizers.find((s) => lineOf(s.call.start!) <= line && line <= lineOf(s.call.callee.end!));
  const argument = site?.learningRateNode;
  const value = site?.learningRate;
  if (!site || !argument || value?.kind !== 'num') return undefined;
  if (value.node.start! >= argument.start! && value.node.end! <= argument.end!) return undefined; // written in the call
  const at = lines.position(value.node.start!);
  return at.line + 1 === line ? undefined : { line: at.line + 1, column: at.column + 1 };
}
