// Scopes and bindings, built in one traversal before anything is evaluated, so a use before its (hoisted)
// declaration still resolves. A binding that is ever reassigned is marked: its value is tracked as the
// code runs (see Analyzer) instead of being read from its declaration.
import type { Node, Expression } from '@babel/types';
import { createsScope, forEachChild, isFunctionNode, propertyKey } from './traversal';
import { UNKNOWN, type Val } from './facts';

const TFJS_MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-core']);

export function isTfjsModule(name: string | undefined): boolean {
  return name !== undefined && TFJS_MODULES.has(name);
}

export function moduleName(node: Node | null | undefined): string | undefined {
  return node?.type === 'StringLiteral' ? node.value : undefined;
}

/** `require('@tensorflow/tfjs')`, `import('@tensorflow/tfjs')` (awaited or not). */
function tfjsModuleExpression(node: Node): boolean {
  if (node.type === 'AwaitExpression') return tfjsModuleExpression(node.argument);
  if (node.type === 'ImportExpression') return isTfjsModule(moduleName(node.source));
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && isTfjsModule(moduleName(node.arguments[0]));
}

export interface Binding {
  kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'catch';
  scope: Scope;
  /** The initializer, and the keys leading from it to this name when declared by destructuring. */
  init?: Expression;
  path?: string[];
  importValue?: Val;
  /** The declaration a `function name() {}` binding names (lint reads loss wrappers from it). */
  declaration?: Node;
  reassigned: boolean;
}

export interface Scope {
  parent: Scope | undefined;
  /** The enclosing function (or program) scope, where `var` declarations land. */
  fn: Scope;
  /** Created on the first declaration: most block scopes declare nothing. */
  bindings: Map<string, Binding> | undefined;
}

function bind(scope: Scope, name: string, binding: Binding): void {
  (scope.bindings ??= new Map()).set(name, binding);
}

export function lookup(name: string, scope: Scope): Binding | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const b = s.bindings?.get(name);
    if (b) return b;
  }
  return undefined;
}

export interface ScopeTable {
  root: Scope;
  /** The scope each scope-creating node opens. */
  scopeOf: Map<Node, Scope>;
  /** The file imports or requires a tfjs module. */
  usesTfjs: boolean;
}

const declareChild = (child: Node, builder: ScopeBuilder, scope: Scope) => builder.declare(child, scope);

class ScopeBuilder {
  readonly scopeOf = new Map<Node, Scope>();
  usesTfjs = false;
  private readonly assignedNames: { name: string; scope: Scope }[] = [];

  /** Marks the bindings assigned anywhere as reassigned (after all declarations are known). */
  markAssigned(): void {
    for (const { name, scope } of this.assignedNames) {
      const b = lookup(name, scope);
      if (b) b.reassigned = true;
    }
  }

  private declarePattern(pattern: Node, scope: Scope, kind: Binding['kind'], init: Expression | undefined, path: string[]): void {
    switch (pattern.type) {
      case 'Identifier': {
        const existing = scope.bindings?.get(pattern.name);
        // Two declarations of one name in one scope (var twice, or a parse error) → never resolvable.
        bind(scope, pattern.name, { kind, scope, init, path, reassigned: existing !== undefined || kind === 'param' || kind === 'catch' });
        break;
      }
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') this.declarePattern(prop.argument, scope, kind, undefined, path);
          else {
            const key = propertyKey(prop);
            this.declarePattern(prop.value, scope, kind, key === undefined ? undefined : init, key === undefined ? path : [...path, key]);
          }
        }
        break;
      case 'ArrayPattern':
        pattern.elements.forEach((element, i) => element && this.declarePattern(element, scope, kind, element.type === 'RestElement' ? undefined : init, [...path, String(i)]));
        break;
      case 'AssignmentPattern':
        this.declarePattern(pattern.left, scope, kind, undefined, path);
        break;
      case 'RestElement':
        this.declarePattern(pattern.argument, scope, kind, undefined, path);
        break;
      case 'TSParameterProperty':
        this.declarePattern(pattern.parameter, scope, kind, undefined, path);
        break;
      default:
        break;
    }
  }

  private collectAssigned(target: Node, scope: Scope): void {
    if (target.type === 'Identifier') this.assignedNames.push({ name: target.name, scope });
    else if (target.type === 'ObjectPattern') target.properties.forEach((p) => this.collectAssigned(p.type === 'RestElement' ? p.argument : p.value, scope));
    else if (target.type === 'ArrayPattern') target.elements.forEach((e) => e && this.collectAssigned(e, scope));
    else if (target.type === 'AssignmentPattern') this.collectAssigned(target.left, scope);
    else if (target.type === 'RestElement') this.collectAssigned(target.argument, scope);
    else if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression' || target.type === 'ParenthesizedExpression') this.collectAssigned(target.expression, scope);
  }

  private declareImport(node: Node, scope: Scope): void {
    if (node.type === 'ImportDeclaration') {
      const tfjs = isTfjsModule(node.source.value);
      if (tfjs) this.usesTfjs = true;
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
      if (tfjs) this.usesTfjs = true;
      bind(scope, node.id.name, { kind: 'import', scope, importValue: tfjs ? { kind: 'tf', path: [] } : UNKNOWN, reassigned: false });
    }
  }

  /** Opens the scopes `node` creates and declares what it declares (`var` into the function scope). */
  declare(node: Node, scope: Scope): void {
    let inner = scope;
    const isFunction = isFunctionNode(node);
    if (isFunction || createsScope(node)) {
      inner = { parent: scope, fn: scope.fn, bindings: undefined };
      if (isFunction || node.type === 'Program') inner.fn = inner;
      this.scopeOf.set(node, inner);
      if (isFunction) {
        const fn = node as unknown as { params: Node[]; id?: { name: string } | null };
        for (const p of fn.params) this.declarePattern(p, inner, 'param', undefined, []);
        if (node.type === 'FunctionExpression' && fn.id) bind(inner, fn.id.name, { kind: 'function', scope: inner, reassigned: false });
      } else if (node.type === 'CatchClause' && node.param) {
        this.declarePattern(node.param, inner, 'catch', undefined, []);
      }
    }
    switch (node.type) {
      case 'VariableDeclaration':
        for (const d of node.declarations) this.declarePattern(d.id, node.kind === 'var' ? scope.fn : scope, node.kind === 'const' ? 'const' : node.kind === 'var' ? 'var' : 'let', d.init ?? undefined, []);
        break;
      case 'FunctionDeclaration':
        if (node.id) bind(scope, node.id.name, { kind: 'function', scope, declaration: node, reassigned: scope.bindings?.has(node.id.name) ?? false });
        break;
      case 'ClassDeclaration':
        if (node.id) bind(scope, node.id.name, { kind: 'class', scope, reassigned: false });
        break;
      case 'ImportDeclaration':
      case 'TSImportEqualsDeclaration':
        this.declareImport(node, scope);
        return;
      case 'AssignmentExpression':
        this.collectAssigned(node.left, inner);
        break;
      case 'UpdateExpression':
        this.collectAssigned(node.argument, inner);
        break;
      case 'CallExpression':
      case 'ImportExpression':
        if (tfjsModuleExpression(node)) this.usesTfjs = true;
        break;
      case 'ForOfStatement':
      case 'ForInStatement': {
        // The loop variable changes every iteration: a parameter, never a constant.
        if (node.left.type === 'VariableDeclaration') {
          for (const d of node.left.declarations) this.declarePattern(d.id, node.left.kind === 'var' ? scope.fn : inner, 'param', undefined, []);
        } else this.collectAssigned(node.left, inner);
        this.declare(node.right, inner);
        this.declare(node.body, inner);
        return;
      }
      default:
        break;
    }
    // A function body's own block shares the function scope (with the parameters).
    if (isFunction) {
      const fn = node as unknown as { params: Node[]; body: Node };
      for (const p of fn.params) this.declare(p, inner);
      if (fn.body.type === 'BlockStatement') for (const st of fn.body.body) this.declare(st, inner);
      else this.declare(fn.body, inner);
      return;
    }
    if (node.type === 'SwitchStatement') {
      this.declare(node.discriminant, scope);
      for (const c of node.cases) {
        if (c.test) this.declare(c.test, inner);
        for (const st of c.consequent) this.declare(st, inner);
      }
      return;
    }
    forEachChild(node, declareChild, this, inner);
  }
}

/** Scopes and bindings of a whole program. */
export function buildScopes(program: Node): ScopeTable {
  const root = { parent: undefined, bindings: undefined } as unknown as Scope;
  root.fn = root;
  const builder = new ScopeBuilder();
  builder.declare(program, root);
  builder.markAssigned();
  return { root, scopeOf: builder.scopeOf, usesTfjs: builder.usesTfjs };
}
