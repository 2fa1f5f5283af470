// What a model file builds, read statically: tfjs bindings (any local name), constant values, the layers
// each call creates, the order they are stacked in (model.add, tf.sequential({layers}), .apply chains,
// for loops) and compile()/optimizer calls. Anything not resolvable from this file becomes `unknown`,
// and the rules stay silent on unknowns.
import type { Node, Expression, ObjectExpression, CallExpression, ObjectProperty } from '@babel/types';

const TFJS_MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-core']);

export type Val =
  | { kind: 'str'; value: string; node: Node }
  | { kind: 'num'; value: number; node: Node }
  | { kind: 'bool'; value: boolean; node: Node }
  | { kind: 'nullish'; node: Node }
  | { kind: 'obj'; props: Map<string, { val: Val; prop: ObjectProperty | undefined }>; open: boolean; node: Node }
  | { kind: 'arr'; items: Val[]; open: boolean; node: Node }
  /** A member of the tfjs namespace: [] is the module itself, ['layers', 'dense'] the factory. */
  | { kind: 'tf'; path: string[] }
  | { kind: 'layer'; site: LayerSite }
  | { kind: 'init'; name: string; config: Val; node: Node }
  | { kind: 'opt'; site: OptimizerSite }
  /** A symbolic tensor: the output of a layer's apply(), or a tf.input(). */
  | { kind: 'tensor'; producer: LayerSite | undefined }
  | { kind: 'model'; model: ModelSite }
  | { kind: 'unknown' };

const UNKNOWN: Val = { kind: 'unknown' };

export interface LayerSite {
  /** Factory name as written after tf.layers., e.g. 'dense', 'batchNormalization'. */
  className: string;
  call: CallExpression;
  config: Val;
  /** The config when it is an object literal written in this call (fixes only edit those). */
  inlineConfig: ObjectExpression | undefined;
  /** Functional API: the layer whose output this layer was applied to (undefined: an input or unknown). */
  input: { producer: LayerSite | undefined; known: boolean } | undefined;
  repeat: Repeat;
  conditional: boolean;
  /** Its output is one of several inputs of another layer (concatenate, add, …): it is not the model's output. */
  feedsMerge: boolean;
}

export interface OptimizerSite {
  name: string;
  call: CallExpression;
  learningRate: Val | undefined;
  learningRateNode: Node | undefined;
}

/** How many times a statement runs: a known count, or 'unknown' (≥ 1 is all that is assumed). */
export type Repeat = number | 'unknown';

export type ChainEntry =
  | { kind: 'layer'; site: LayerSite; repeat: Repeat; conditional: boolean; expr: Node; swappable: boolean }
  | { kind: 'unknown' };

export interface ModelSite {
  kind: 'sequential' | 'functional';
  node: Node;
  entries: ChainEntry[];
  outputs: Val | undefined;
  /** The function whose body created the model (undefined: top level). */
  owner: Node | undefined;
}

export interface CompileSite {
  call: CallExpression;
  model: ModelSite | undefined;
  optimizer: Val;
  optimizerNode: Node | undefined;
  loss: Val;
  lossNode: Node | undefined;
}

export interface ModelFacts {
  usesTfjs: boolean;
  layers: LayerSite[];
  optimizers: OptimizerSite[];
  models: ModelSite[];
  compiles: CompileSite[];
}

interface Binding {
  kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'catch';
  scope: Scope;
  /** The initializer, and the keys leading from it to this name when declared by destructuring. */
  init?: Expression;
  path?: string[];
  importValue?: Val;
  reassigned: boolean;
}

interface Scope {
  parent: Scope | undefined;
  /** Created on the first declaration: most block scopes declare nothing. */
  bindings: Map<string, Binding> | undefined;
}

function bind(scope: Scope, name: string, binding: Binding): void {
  (scope.bindings ??= new Map()).set(name, binding);
}

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

/**
 * Node types without child nodes the analyzer reads (their type annotations are skipped anyway). No
 * visitor acts on them, so forEachChild does not visit them: about half of all nodes, mostly identifiers.
 */
const LEAF_TYPES_LIST = ['Identifier', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'RegExpLiteral', 'BigIntLiteral', 'ThisExpression', 'Super', 'TemplateElement', 'EmptyStatement', 'DebuggerStatement', 'PrivateName'];
const LEAF_TYPES = new Set(LEAF_TYPES_LIST);

/**
 * The keys of a node type that can hold child nodes, read once per type from its first node. @babel/parser
 * assigns every structural field of a node type on each node of it (null when absent), so the first node
 * has them all; checked over 346 JS/TS files (this repository, tfjs-layers, uplot, valibot), where only
 * TS-only `implements`/`extends` appeared late. Saves a for-in with megamorphic loads on every node.
 */
const CHILD_KEYS = new Map<string, string[]>(LEAF_TYPES_LIST.map((type) => [type, []]));

function childKeys(node: Node): string[] {
  let keys = CHILD_KEYS.get(node.type);
  if (!keys) {
    keys = [];
    for (const key in node) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (!SKIP_KEYS.has(key) && (value === null || typeof value === 'object')) keys.push(key);
    }
    CHILD_KEYS.set(node.type, keys);
  }
  return keys;
}

function visitInner<A, B>(child: Node | null | undefined, visit: (child: Node, a: A, b: B) => void, a: A, b: B): void {
  if (child && !LEAF_TYPES.has(child.type)) visit(child, a, b);
}

function visitAll<A, B>(children: readonly (Node | null)[], visit: (child: Node, a: A, b: B) => void, a: A, b: B): void {
  for (const child of children) visitInner(child, visit, a, b);
}

/**
 * Calls `visit(child, a, b)` for each non-leaf child node, in source order (extra arguments instead of a
 * closure: no allocation per node). The most frequent node types read their fields by name: a keyed load
 * `node[key]` over ~100 node shapes is megamorphic and was the analyzer's single largest cost.
 */
function forEachChild<A, B>(node: Node, visit: (child: Node, a: A, b: B) => void, a: A, b: B): void {
  switch (node.type) {
    case 'MemberExpression':
      visitInner(node.object, visit, a, b);
      visitInner(node.property, visit, a, b);
      return;
    case 'CallExpression':
      visitInner(node.callee, visit, a, b);
      visitAll(node.arguments, visit, a, b);
      return;
    case 'ExpressionStatement':
      visitInner(node.expression, visit, a, b);
      return;
    case 'VariableDeclaration':
      visitAll(node.declarations, visit, a, b);
      return;
    case 'VariableDeclarator':
      visitInner(node.id, visit, a, b);
      visitInner(node.init, visit, a, b);
      return;
    case 'ObjectProperty':
      visitInner(node.key, visit, a, b);
      visitInner(node.value, visit, a, b);
      return;
    case 'BinaryExpression':
    case 'LogicalExpression':
      visitInner(node.left, visit, a, b);
      visitInner(node.right, visit, a, b);
      return;
    case 'ReturnStatement':
      visitInner(node.argument, visit, a, b);
      return;
    case 'ObjectExpression':
      visitAll(node.properties, visit, a, b);
      return;
    case 'ArrayExpression':
      visitAll(node.elements, visit, a, b);
      return;
    default:
      break;
  }
  for (const key of childKeys(node)) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof (item as Node).type === 'string' && !LEAF_TYPES.has((item as Node).type)) visit(item as Node, a, b);
    } else if (typeof (value as Node).type === 'string' && !LEAF_TYPES.has((value as Node).type)) {
      visit(value as Node, a, b);
    }
  }
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const SCOPE_TYPES = new Set([...FUNCTION_TYPES, 'Program', 'BlockStatement', 'ForStatement', 'ForOfStatement', 'ForInStatement', 'CatchClause', 'StaticBlock', 'SwitchStatement']);

function isFunctionNode(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

function createsScope(node: Node): boolean {
  return SCOPE_TYPES.has(node.type);
}

function moduleName(node: Node | null | undefined): string | undefined {
  return node?.type === 'StringLiteral' ? node.value : undefined;
}

export function isTfjsModule(name: string | undefined): boolean {
  return name !== undefined && TFJS_MODULES.has(name);
}

/** `require('@tensorflow/tfjs')`, `import('@tensorflow/tfjs')` (awaited or not). */
function tfjsModuleExpression(node: Node): boolean {
  if (node.type === 'AwaitExpression') return tfjsModuleExpression(node.argument);
  if (node.type === 'ImportExpression') return isTfjsModule(moduleName(node.source));
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && isTfjsModule(moduleName(node.arguments[0]));
}

function propertyKey(prop: { key: Node; computed: boolean }): string | undefined {
  if (!prop.computed && prop.key.type === 'Identifier') return prop.key.name;
  if (prop.key.type === 'StringLiteral') return prop.key.value;
  if (prop.key.type === 'NumericLiteral') return String(prop.key.value);
  return undefined;
}

/** Reads `node` (a Program) into facts. Never throws on odd code: what it does not understand is unknown. */
export function analyzeModel(program: Node): ModelFacts {
  const scopeOf = new Map<Node, Scope>();
  const facts: ModelFacts = { usesTfjs: false, layers: [], optimizers: [], models: [], compiles: [] };
  const assignedNames: { name: string; scope: Scope }[] = [];

  // Pass 1: scopes, declarations and which bindings are ever reassigned. Names are resolved only after it,
  // so a use before its (hoisted) declaration still finds it.
  function declarePattern(pattern: Node, scope: Scope, kind: Binding['kind'], init: Expression | undefined, path: string[]): void {
    switch (pattern.type) {
      case 'Identifier': {
        const existing = scope.bindings?.get(pattern.name);
        // Two declarations of one name in one scope (var twice, or a parse error) → never resolvable.
        bind(scope, pattern.name, { kind, scope, init, path, reassigned: existing !== undefined || kind === 'param' || kind === 'catch' });
        break;
      }
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') declarePattern(prop.argument, scope, kind, undefined, path);
          else {
            const key = propertyKey(prop);
            declarePattern(prop.value, scope, kind, key === undefined ? undefined : init, key === undefined ? path : [...path, key]);
          }
        }
        break;
      case 'ArrayPattern':
        pattern.elements.forEach((element, i) => element && declarePattern(element, scope, kind, element.type === 'RestElement' ? undefined : init, [...path, String(i)]));
        break;
      case 'AssignmentPattern':
        declarePattern(pattern.left, scope, kind, undefined, path);
        break;
      case 'RestElement':
        declarePattern(pattern.argument, scope, kind, undefined, path);
        break;
      case 'TSParameterProperty':
        declarePattern(pattern.parameter, scope, kind, undefined, path);
        break;
      default:
        break;
    }
  }

  function collectAssigned(target: Node, scope: Scope): void {
    if (target.type === 'Identifier') assignedNames.push({ name: target.name, scope });
    else if (target.type === 'ObjectPattern') target.properties.forEach((p) => collectAssigned(p.type === 'RestElement' ? p.argument : p.value, scope));
    else if (target.type === 'ArrayPattern') target.elements.forEach((e) => e && collectAssigned(e, scope));
    else if (target.type === 'AssignmentPattern') collectAssigned(target.left, scope);
    else if (target.type === 'RestElement') collectAssigned(target.argument, scope);
    else if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression' || target.type === 'ParenthesizedExpression') collectAssigned(target.expression, scope);
  }

  function declareImport(node: Node, scope: Scope): void {
    if (node.type === 'ImportDeclaration') {
      const tfjs = isTfjsModule(node.source.value);
      if (tfjs) facts.usesTfjs = true;
      for (const spec of node.specifiers) {
        let importValue: Val = UNKNOWN;
        if (tfjs && node.importKind !== 'type' && (spec.type !== 'ImportSpecifier' || spec.importKind !== 'type')) {
          if (spec.type === 'ImportSpecifier') {
            const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
            importValue = { kind: 'tf', path: imported === 'default' ? [] : [imported] };
          } else importValue = { kind: 'tf', path: [] };
        }
        bind(scope, spec.local.name, { kind: 'import', scope, importValue, reassigned: false });
      }
    } else if (node.type === 'TSImportEqualsDeclaration') {
      const tfjs = node.moduleReference.type === 'TSExternalModuleReference' && isTfjsModule(node.moduleReference.expression.value);
      if (tfjs) facts.usesTfjs = true;
      bind(scope, node.id.name, { kind: 'import', scope, importValue: tfjs ? { kind: 'tf', path: [] } : UNKNOWN, reassigned: false });
    }
  }

  /** One traversal: scopes, declarations as they are met (`var` into the function scope), assignments. */
  function buildScopes(node: Node, scope: Scope, fnScope: Scope): void {
    let inner = scope;
    let innerFn = fnScope;
    const isFunction = isFunctionNode(node);
    if (isFunction || createsScope(node)) {
      inner = { parent: scope, bindings: undefined };
      scopeOf.set(node, inner);
      if (isFunction || node.type === 'Program') innerFn = inner;
      if (isFunction) {
        const fn = node as unknown as { params: Node[]; id?: { name: string } | null };
        for (const p of fn.params) declarePattern(p, inner, 'param', undefined, []);
        if (node.type === 'FunctionExpression' && fn.id) bind(inner, fn.id.name, { kind: 'function', scope: inner, reassigned: false });
      } else if (node.type === 'CatchClause' && node.param) {
        declarePattern(node.param, inner, 'catch', undefined, []);
      }
    }
    switch (node.type) {
      case 'VariableDeclaration':
        for (const d of node.declarations) declarePattern(d.id, node.kind === 'var' ? fnScope : scope, node.kind === 'const' ? 'const' : node.kind === 'var' ? 'var' : 'let', d.init ?? undefined, []);
        break;
      case 'FunctionDeclaration':
        if (node.id) bind(scope, node.id.name, { kind: 'function', scope, reassigned: scope.bindings?.has(node.id.name) ?? false });
        break;
      case 'ClassDeclaration':
        if (node.id) bind(scope, node.id.name, { kind: 'class', scope, reassigned: false });
        break;
      case 'ImportDeclaration':
      case 'TSImportEqualsDeclaration':
        declareImport(node, scope);
        return;
      case 'AssignmentExpression':
        collectAssigned(node.left, inner);
        break;
      case 'UpdateExpression':
        collectAssigned(node.argument, inner);
        break;
      case 'CallExpression':
      case 'ImportExpression':
        if (tfjsModuleExpression(node)) facts.usesTfjs = true;
        break;
      case 'ForOfStatement':
      case 'ForInStatement': {
        // The loop variable changes every iteration: a parameter, never a constant.
        if (node.left.type === 'VariableDeclaration') {
          for (const d of node.left.declarations) declarePattern(d.id, node.left.kind === 'var' ? fnScope : inner, 'param', undefined, []);
        } else collectAssigned(node.left, inner);
        buildScopes(node.right, inner, innerFn);
        buildScopes(node.body, inner, innerFn);
        return;
      }
      default:
        break;
    }
    // A function body's own block shares the function scope (with the parameters).
    if (isFunction) {
      const fn = node as unknown as { params: Node[]; body: Node };
      for (const p of fn.params) buildScopes(p, inner, innerFn);
      if (fn.body.type === 'BlockStatement') for (const st of fn.body.body) buildScopes(st, inner, innerFn);
      else buildScopes(fn.body, inner, innerFn);
      return;
    }
    if (node.type === 'SwitchStatement') {
      buildScopes(node.discriminant, scope, fnScope);
      for (const c of node.cases) {
        if (c.test) buildScopes(c.test, inner, innerFn);
        for (const st of c.consequent) buildScopes(st, inner, innerFn);
      }
      return;
    }
    forEachChild(node, buildScopes, inner, innerFn);
  }

  const root: Scope = { parent: undefined, bindings: undefined };
  buildScopes(program, root, root);

  function lookup(name: string, scope: Scope): Binding | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const b = s.bindings?.get(name);
      if (b) return b;
    }
    return undefined;
  }
  for (const { name, scope } of assignedNames) {
    const b = lookup(name, scope);
    if (b) b.reassigned = true;
  }

  // Pass 2: evaluation, in source order, with the values of reassigned bindings tracked as the code runs.
  const env = new Map<Binding, Val>();
  const constValues = new Map<Binding, Val>();
  const evaluating = new Set<Binding>();
  const layerAt = new Map<Node, LayerSite>();
  const optimizerAt = new Map<Node, OptimizerSite>();
  const modelAt = new Map<Node, ModelSite>();
  const compiled = new Set<Node>();
  let repeat: Repeat = 1;
  let conditional = false;
  let currentFunction: Node | undefined;
  const unordered = new Set<ModelSite>();

  function select(val: Val, path: string[]): Val {
    let v = val;
    for (const key of path) v = member(v, key);
    return v;
  }

  function bindingValue(b: Binding): Val {
    if (b.importValue) return b.importValue;
    if (b.reassigned) return env.get(b) ?? UNKNOWN;
    if (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var') return UNKNOWN;
    if (!b.init) return UNKNOWN;
    const cached = constValues.get(b);
    if (cached) return cached;
    if (evaluating.has(b)) return UNKNOWN;
    evaluating.add(b);
    const value = select(evaluate(b.init, b.scope), b.path ?? []);
    evaluating.delete(b);
    constValues.set(b, value);
    return value;
  }

  function member(obj: Val, key: string): Val {
    switch (obj.kind) {
      case 'tf':
        return { kind: 'tf', path: [...obj.path, key] };
      case 'obj': {
        const p = obj.props.get(key);
        if (p) return p.val;
        return obj.open ? UNKNOWN : { kind: 'nullish', node: obj.node };
      }
      case 'arr': {
        if (key === 'length') return obj.open ? UNKNOWN : { kind: 'num', value: obj.items.length, node: obj.node };
        const i = Number(key);
        if (Number.isInteger(i) && i >= 0 && !obj.open) return obj.items[i] ?? { kind: 'nullish', node: obj.node };
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  function numberOp(op: string, a: number, b: number): number | undefined {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return a / b;
      case '**': return a ** b;
      default: return undefined;
    }
  }

  function evaluate(node: Node, scope: Scope): Val {
    switch (node.type) {
      case 'StringLiteral':
        return { kind: 'str', value: node.value, node };
      case 'NumericLiteral':
        return { kind: 'num', value: node.value, node };
      case 'BooleanLiteral':
        return { kind: 'bool', value: node.value, node };
      case 'NullLiteral':
        return { kind: 'nullish', node };
      case 'TemplateLiteral':
        return node.expressions.length === 0 ? { kind: 'str', value: node.quasis.map((q) => q.value.cooked ?? '').join(''), node } : UNKNOWN;
      case 'UnaryExpression': {
        const arg = evaluate(node.argument, scope);
        if (arg.kind === 'num' && (node.operator === '-' || node.operator === '+')) return { kind: 'num', value: node.operator === '-' ? -arg.value : arg.value, node };
        return UNKNOWN;
      }
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateName') return UNKNOWN;
        const a = evaluate(node.left, scope);
        const b = evaluate(node.right, scope);
        if (a.kind === 'num' && b.kind === 'num') {
          const value = numberOp(node.operator, a.value, b.value);
          return value === undefined ? UNKNOWN : { kind: 'num', value, node };
        }
        if (node.operator === '+' && a.kind === 'str' && (b.kind === 'str' || b.kind === 'num')) return { kind: 'str', value: a.value + String(b.value), node };
        return UNKNOWN;
      }
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return evaluate(node.expression, scope);
      case 'AwaitExpression':
        return node.argument.type === 'ImportExpression' ? evaluate(node.argument, scope) : UNKNOWN;
      case 'ImportExpression':
        return isTfjsModule(moduleName(node.source)) ? { kind: 'tf', path: [] } : UNKNOWN;
      case 'Identifier': {
        if (node.name === 'undefined') return { kind: 'nullish', node };
        const b = lookup(node.name, scope);
        return b ? bindingValue(b) : UNKNOWN;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const key = node.computed ? keyOf(evaluate(node.property, scope)) : node.property.type === 'Identifier' ? node.property.name : undefined;
        if (key === undefined) return UNKNOWN;
        return member(evaluate(node.object, scope), key);
      }
      case 'ObjectExpression':
        return objectValue(node, scope);
      case 'ArrayExpression': {
        const items: Val[] = [];
        let open = false;
        for (const el of node.elements) {
          if (!el) items.push({ kind: 'nullish', node });
          else if (el.type === 'SpreadElement') {
            const spread = evaluate(el.argument, scope);
            if (spread.kind === 'arr' && !spread.open) items.push(...spread.items);
            else open = true;
          } else items.push(evaluate(el, scope));
        }
        return { kind: 'arr', items, open, node };
      }
      case 'CallExpression':
        return callValue(node, scope);
      default:
        return UNKNOWN;
    }
  }

  function keyOf(v: Val): string | undefined {
    return v.kind === 'str' ? v.value : v.kind === 'num' ? String(v.value) : undefined;
  }

  function objectValue(node: ObjectExpression, scope: Scope): Val {
    const props = new Map<string, { val: Val; prop: ObjectProperty | undefined }>();
    let open = false;
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const spread = evaluate(p.argument, scope);
        if (spread.kind === 'obj') {
          for (const [k, v] of spread.props) props.set(k, { val: v.val, prop: undefined });
          open ||= spread.open;
        } else open = true;
        continue;
      }
      const key = p.computed ? keyOf(evaluate(p.key, scope)) : propertyKey(p);
      if (key === undefined) {
        open = true;
        continue;
      }
      props.set(key, p.type === 'ObjectProperty' ? { val: evaluate(p.value, scope), prop: p } : { val: UNKNOWN, prop: undefined });
    }
    return { kind: 'obj', props, open, node };
  }

  function tensorOf(v: Val): { producer: LayerSite | undefined; known: boolean } {
    if (v.kind === 'tensor') return { producer: v.producer, known: true };
    if (v.kind === 'arr' && !v.open && v.items.length === 1) return tensorOf(v.items[0]);
    return { producer: undefined, known: false };
  }

  function argumentValue(node: CallExpression, i: number, scope: Scope): Val {
    const a = node.arguments[i];
    return a && a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder' ? evaluate(a, scope) : UNKNOWN;
  }

  function callValue(node: CallExpression, scope: Scope): Val {
    if (node.callee.type === 'Identifier' && node.callee.name === 'require' && !lookup('require', scope)) {
      return isTfjsModule(moduleName(node.arguments[0])) ? { kind: 'tf', path: [] } : UNKNOWN;
    }
    if (node.callee.type === 'V8IntrinsicIdentifier') return UNKNOWN;
    const callee = evaluate(node.callee, scope);
    if (callee.kind === 'tf') {
      const path = callee.path;
      const [ns, name] = path;
      if (path.length === 2 && ns === 'layers') return { kind: 'layer', site: layerSite(node, name, scope) };
      if (path.length === 2 && ns === 'initializers') return { kind: 'init', name, config: node.arguments.length ? argumentValue(node, 0, scope) : { kind: 'nullish', node }, node };
      if (path.length === 2 && ns === 'train') return { kind: 'opt', site: optimizerSite(node, name, scope) };
      if (path.length === 1 && ns === 'sequential') return { kind: 'model', model: sequentialModel(node, scope) };
      if (path.length === 1 && ns === 'model') return { kind: 'model', model: functionalModel(node, scope) };
      if (path.length === 1 && ns === 'input') return { kind: 'tensor', producer: undefined };
      return UNKNOWN;
    }
    // layer.apply(x): the functional API.
    if ((node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression') && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'apply') {
      const layer = evaluate(node.callee.object, scope);
      if (layer.kind === 'layer') {
        if (!layer.site.input) {
          const arg = argumentValue(node, 0, scope);
          layer.site.input = tensorOf(arg);
          if (arg.kind === 'arr' && arg.items.length > 1) for (const item of arg.items) if (item.kind === 'tensor' && item.producer) item.producer.feedsMerge = true;
        }
        return { kind: 'tensor', producer: layer.site };
      }
    }
    return UNKNOWN;
  }

  function layerSite(node: CallExpression, className: string, scope: Scope): LayerSite {
    const existing = layerAt.get(node);
    if (existing) return existing;
    const arg0 = node.arguments[0];
    const site: LayerSite = {
      className,
      call: node,
      config: arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? evaluate(arg0, scope) : { kind: 'nullish', node },
      inlineConfig: arg0?.type === 'ObjectExpression' ? arg0 : undefined,
      input: undefined,
      repeat,
      conditional,
      feedsMerge: false,
    };
    layerAt.set(node, site);
    facts.layers.push(site);
    return site;
  }

  function optimizerSite(node: CallExpression, name: string, scope: Scope): OptimizerSite {
    const existing = optimizerAt.get(node);
    if (existing) return existing;
    const arg0 = node.arguments[0];
    const plain = arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? arg0 : undefined;
    const site: OptimizerSite = { name, call: node, learningRate: plain ? evaluate(plain, scope) : undefined, learningRateNode: plain };
    optimizerAt.set(node, site);
    facts.optimizers.push(site);
    return site;
  }

  function entryFor(expr: Node, val: Val, swappable: boolean): ChainEntry {
    if (val.kind !== 'layer') return { kind: 'unknown' };
    return { kind: 'layer', site: val.site, repeat, conditional, expr, swappable };
  }

  function sequentialModel(node: CallExpression, scope: Scope): ModelSite {
    const existing = modelAt.get(node);
    if (existing) return existing;
    const model: ModelSite = { kind: 'sequential', node, entries: [], outputs: undefined, owner: currentFunction };
    modelAt.set(node, model);
    facts.models.push(model);
    const arg0 = node.arguments[0];
    if (arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder') {
      const config = evaluate(arg0, scope);
      const layers = member(config, 'layers');
      if (layers.kind === 'arr') {
        // Elements of an array literal can be reordered by a fix; layers reached through spreads cannot.
        const literal = layers.node.type === 'ArrayExpression' && !layers.open && layers.node.elements.length === layers.items.length ? layers.node : undefined;
        layers.items.forEach((item, i) => model.entries.push(entryFor(literal?.elements[i] ?? layers.node, item, literal !== undefined)));
        if (layers.open) model.entries.push({ kind: 'unknown' });
      } else if (layers.kind !== 'nullish') model.entries.push({ kind: 'unknown' });
    }
    return model;
  }

  function functionalModel(node: CallExpression, scope: Scope): ModelSite {
    const existing = modelAt.get(node);
    if (existing) return existing;
    const arg0 = node.arguments[0];
    const config = arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? evaluate(arg0, scope) : UNKNOWN;
    const model: ModelSite = { kind: 'functional', node, entries: [], outputs: member(config, 'outputs'), owner: currentFunction };
    modelAt.set(node, model);
    facts.models.push(model);
    return model;
  }

  /** `model.add(...)` / `model.compile(...)` where `model` is a model this file built. */
  function methodCall(node: CallExpression, scope: Scope): void {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
    if (callee.computed || callee.property.type !== 'Identifier') return;
    const method = callee.property.name;
    if (method !== 'add' && method !== 'compile') return;
    const target = evaluate(callee.object, scope);
    const arg0 = node.arguments[0];
    const plain = arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? arg0 : undefined;
    if (method === 'add' && target.kind === 'model' && target.model.kind === 'sequential') {
      // An add() in another function than the one that built the model (a helper, a forEach callback)
      // runs when and as often as that function is called: where its layer lands is unknown, and so is
      // which layer ends the model.
      if (target.model.owner !== currentFunction) {
        if (plain) evaluate(plain, scope);
        target.model.entries.push({ kind: 'unknown' });
        unordered.add(target.model);
        return;
      }
      target.model.entries.push(plain ? entryFor(plain, evaluate(plain, scope), true) : { kind: 'unknown' });
      return;
    }
    if (method === 'compile' && plain && !compiled.has(node)) {
      const config = evaluate(plain, scope);
      if (config.kind !== 'obj') return;
      const optimizer = config.props.get('optimizer');
      const loss = config.props.get('loss');
      if (!optimizer && !loss) return;
      compiled.add(node);
      facts.compiles.push({
        call: node,
        model: target.kind === 'model' ? target.model : undefined,
        optimizer: optimizer?.val ?? UNKNOWN,
        optimizerNode: optimizer?.prop?.value,
        loss: loss?.val ?? UNKNOWN,
        lossNode: loss?.prop?.value,
      });
    }
  }

  /** Iterations of a `for` loop when its header is `let i = A; i < B (or <=, >, >=); i++ / i += k / i--`. */
  function forCount(node: Extract<Node, { type: 'ForStatement' }>, scope: Scope): Repeat {
    const init = node.init;
    if (init?.type !== 'VariableDeclaration' || init.declarations.length !== 1) return 'unknown';
    const decl = init.declarations[0];
    if (decl.id.type !== 'Identifier' || !decl.init) return 'unknown';
    const name = decl.id.name;
    const start = evaluate(decl.init, scope);
    const test = node.test;
    if (start.kind !== 'num' || test?.type !== 'BinaryExpression' || test.left.type !== 'Identifier' || test.left.name !== name) return 'unknown';
    const bound = evaluate(test.right, scope);
    if (bound.kind !== 'num') return 'unknown';
    const update = node.update;
    let step: number | undefined;
    if (update?.type === 'UpdateExpression' && update.argument.type === 'Identifier' && update.argument.name === name) step = update.operator === '++' ? 1 : -1;
    else if (update?.type === 'AssignmentExpression' && update.left.type === 'Identifier' && update.left.name === name && (update.operator === '+=' || update.operator === '-=')) {
      const k = evaluate(update.right, scope);
      if (k.kind === 'num' && k.value > 0) step = update.operator === '+=' ? k.value : -k.value;
    }
    if (step === undefined) return 'unknown';
    // Loops whose body changes the counter are not counted.
    let touched = false;
    const visit = (n: Node): void => {
      if (touched) return;
      if ((n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) || (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name)) touched = true;
      else if (n.type === 'BreakStatement' || n.type === 'ReturnStatement' || n.type === 'ContinueStatement' || n.type === 'ThrowStatement') touched = true;
      else forEachChild(n, visit, undefined, undefined);
    };
    visit(node.body);
    if (touched) return 'unknown';
    const s = start.value;
    const b = bound.value;
    let count: number;
    switch (test.operator) {
      case '<': count = step > 0 ? Math.ceil((b - s) / step) : Infinity; break;
      case '<=': count = step > 0 ? Math.floor((b - s) / step) + 1 : Infinity; break;
      case '>': count = step < 0 ? Math.ceil((s - b) / -step) : Infinity; break;
      case '>=': count = step < 0 ? Math.floor((s - b) / -step) + 1 : Infinity; break;
      default: return 'unknown';
    }
    if (!Number.isFinite(count) || count > 1e6) return 'unknown';
    return Math.max(0, count);
  }

  function times(a: Repeat, b: Repeat): Repeat {
    return a === 'unknown' || b === 'unknown' ? 'unknown' : a * b;
  }

  // Bindings written inside the loop/branch/function being walked (innermost last): after code that may
  // run zero or several times, their values are unknown.
  const writtenStack: Set<Binding>[] = [];

  function write(b: Binding, value: Val): void {
    env.set(b, value);
    writtenStack[writtenStack.length - 1]?.add(b);
  }

  function writeTargets(target: Node, scope: Scope): void {
    if (target.type === 'Identifier') {
      const b = lookup(target.name, scope);
      if (b) write(b, UNKNOWN);
    } else if (target.type === 'ObjectPattern') target.properties.forEach((p) => writeTargets(p.type === 'RestElement' ? p.argument : p.value, scope));
    else if (target.type === 'ArrayPattern') target.elements.forEach((e) => e && writeTargets(e, scope));
    else if (target.type === 'AssignmentPattern') writeTargets(target.left, scope);
    else if (target.type === 'RestElement') writeTargets(target.argument, scope);
  }

  /** Walks `node` (or, with `childrenOnly`, its children) as code that runs `nextRepeat` times / maybe not at all. */
  function withContext(node: Node, scope: Scope, nextRepeat: Repeat, nextConditional: boolean, keepValuesAfter: boolean, childrenOnly = false): void {
    const savedRepeat = repeat;
    const savedConditional = conditional;
    repeat = nextRepeat;
    conditional = nextConditional;
    writtenStack.push(new Set());
    if (childrenOnly) forEachChild(node, walk, scope, undefined);
    else walk(node, scope);
    const written = writtenStack.pop()!;
    repeat = savedRepeat;
    conditional = savedConditional;
    const outer = writtenStack[writtenStack.length - 1];
    for (const b of written) {
      if (!keepValuesAfter) env.set(b, UNKNOWN);
      outer?.add(b);
    }
  }

  function walk(node: Node, scope: Scope): void {
    const inner = createsScope(node) ? (scopeOf.get(node) ?? scope) : scope;
    switch (node.type) {
      case 'VariableDeclarator': {
        if (node.init) walk(node.init, inner);
        if (node.id.type === 'Identifier' && node.init) {
          const b = lookup(node.id.name, inner);
          if (b) {
            if (b.reassigned) write(b, evaluate(node.init, inner));
            else if (!constValues.has(b)) constValues.set(b, evaluate(node.init, inner));
          }
        }
        return;
      }
      case 'AssignmentExpression': {
        walk(node.right, inner);
        if (node.left.type === 'Identifier' && node.operator === '=') {
          const b = lookup(node.left.name, inner);
          if (b) write(b, evaluate(node.right, inner));
        } else writeTargets(node.left, inner);
        return;
      }
      case 'UpdateExpression':
        writeTargets(node.argument, inner);
        return;
      case 'CallExpression': {
        forEachChild(node, walk, inner, undefined);
        evaluate(node, inner);
        methodCall(node, inner);
        return;
      }
      case 'ForStatement': {
        if (node.init) walk(node.init, inner);
        if (node.test) walk(node.test, inner);
        const count = forCount(node, inner);
        if (count === 0) return;
        withContext(node.body, inner, times(repeat, count), conditional, count !== 'unknown');
        if (node.update) walk(node.update, inner);
        return;
      }
      case 'ForOfStatement': {
        walk(node.right, inner);
        const iterated = evaluate(node.right, inner);
        const count: Repeat = iterated.kind === 'arr' && !iterated.open ? iterated.items.length : 'unknown';
        if (count === 0) return;
        withContext(node.body, inner, times(repeat, count), conditional, count !== 'unknown');
        return;
      }
      case 'ForInStatement':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const body = node.body;
        forEachChild(node, (c: Node, sc: Scope) => c !== body && walk(c, sc), inner, undefined);
        withContext(body, inner, times(repeat, 'unknown'), conditional, false);
        return;
      }
      case 'IfStatement': {
        walk(node.test, inner);
        withContext(node.consequent, inner, repeat, true, false);
        if (node.alternate) withContext(node.alternate, inner, repeat, true, false);
        return;
      }
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'SwitchStatement':
      case 'TryStatement':
      case 'OptionalCallExpression': {
        // Code that may or may not run: layers created here are conditional.
        withContext(node, inner, repeat, true, false, true);
        return;
      }
      default:
        if (isFunctionNode(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
          // A function body runs when called (maybe several times): its statements keep their order,
          // and values assigned inside are unknown outside it.
          const savedFunction = currentFunction;
          currentFunction = node;
          withContext(node, inner, repeat, conditional, false, true);
          currentFunction = savedFunction;
          return;
        }
        forEachChild(node, walk, inner, undefined);
    }
  }

  walk(program, root);
  for (const model of unordered) model.entries.push({ kind: 'unknown' });
  return facts;
}

/** A property of a layer's config: its value and, when written in the inline config, the property node. */
export function configProp(site: LayerSite, key: string): { val: Val; prop: ObjectProperty | undefined } | 'absent' | undefined {
  const config = site.config;
  if (config.kind === 'nullish') return 'absent';
  if (config.kind !== 'obj') return undefined;
  const p = config.props.get(key);
  if (p) {
    const inline = p.prop && site.inlineConfig?.properties.includes(p.prop) ? p.prop : undefined;
    return { val: p.val, prop: inline };
  }
  return config.open ? undefined : 'absent';
}
