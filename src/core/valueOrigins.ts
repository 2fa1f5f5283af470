// Where the values a call reads were defined: the line a fix edits when a finding sits on the call that consumed them.
// A finding about the data sits on the line that made the tensor given to fit() (`tf.tensor2d(targets)`), and one about
// a custom loss on compile(); the fault a user fixes is often one statement earlier — the line that multiplied the
// targets, shuffled the labels, subsampled the rows, or wrote the loss function. Those lines are the reaching
// definitions (Aho, Lam, Sethi & Ullman, "Compilers", §9.2.4) of the names the call reads: for a name bound once
// (`const`, or a `let`/`var` never reassigned) its one definition is the declaration. A reassigned name has several
// definitions and which one reaches the call depends on control flow: not resolved. One step only — the definitions
// of the names the call itself reads — because each further step adds lines the value passed through, not the last
// one that shaped it. An array filled element by element (`inputs.push([x])` in a loop) is defined by its writes, not by
// its empty declaration (core/arrayWrites.ts). Pure: source text in, lines out (the runner reads the file and calls this).
import type { Node } from '@babel/types';
import { arrayWritesOf } from './arrayWrites';
import { LineIndex, parseSource } from './lint/parse';
import { buildScopes, lookup, type Binding, type Scope } from './lint/scopes';
import { forEachChild, isFunctionNode, propertyKey } from './lint/traversal';

/** Fields that hold no value the code reads: positions, comments and type annotations. */
const NOT_READ = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

/**
 * Every child node, identifiers included (lint's forEachChild skips them: the analyzer never acts on a bare name, this
 * reader only does). Called on the few nodes of one call's arguments, so the generic field walk costs nothing.
 */
function forEachNode(node: Node, visit: (child: Node) => void): void {
  for (const key of Object.keys(node)) {
    if (NOT_READ.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && typeof (item as Node).type === 'string') visit(item as Node);
    }
  }
}

export interface ValueOrigin {
  /** The name the call reads. */
  name: string;
  /** 1-based line and column of the definition's value (the initializer, or the function declaration). */
  line: number;
  column: number;
}

/** At most this many origins per call: a call that reads more names is a data pipeline, not one faulty line. */
export const MAX_ORIGINS = 4;

/** Arrays of arrays followed through writes of a bare name: rows of columns, the usual depth of a data table. */
const ARRAY_DEPTH = 2;

type Call = Extract<Node, { type: 'CallExpression' | 'NewExpression' | 'OptionalCallExpression' }>;
const isCall = (n: Node): n is Call => n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'OptionalCallExpression';

/** `require('x')` / `import('x')` (awaited or not): a module, not a value the program computed. */
function isModule(init: Node): boolean {
  if (init.type === 'AwaitExpression') return isModule(init.argument);
  return init.type === 'ImportExpression' || (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require');
}

/** The start of the name a stack frame's column points at: a member call's property (`tf.tensor2d`), else the callee. */
function calleeNameStart(call: Call): number | undefined {
  const callee = call.callee;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') return callee.property.start ?? undefined;
  return callee.start ?? undefined;
}

/** Every call starting on `line`, with the scope it is in (scopes from lint/scopes, keyed by the nodes that open them). */
function callsOnLine(program: Node, scopeOf: Map<Node, Scope>, root: Scope, lineOf: (offset: number) => number, line: number): { call: Call; scope: Scope }[] {
  const found: { call: Call; scope: Scope }[] = [];
  const visit = (node: Node, _unused: undefined, scope: Scope): void => {
    const inner = scopeOf.get(node) ?? scope;
    if (node.start == null || node.end == null) return;
    if (lineOf(node.start) > line || lineOf(node.end) < line) return; // the call cannot be inside
    if (isCall(node) && lineOf(node.start) === line) found.push({ call: node, scope: inner });
    forEachChild(node, visit, undefined, inner);
  };
  visit(program, undefined, root);
  return found;
}

/** The names a call reads (arguments, and the object of a method call), each with the scope it is read in. */
function namesRead(call: Call, scope: Scope, scopeOf: Map<Node, Scope>): { name: string; scope: Scope }[] {
  const names: { name: string; scope: Scope }[] = [];
  const visit = (node: Node, _unused: undefined, outer: Scope): void => {
    const inner = scopeOf.get(node) ?? outer;
    switch (node.type) {
      case 'Identifier':
        names.push({ name: node.name, scope: inner });
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        visit(node.object, undefined, inner);
        if (node.computed) visit(node.property, undefined, inner);
        return;
      case 'ObjectProperty':
        if (node.computed || propertyKey(node) === undefined) visit(node.key, undefined, inner);
        visit(node.value, undefined, inner);
        return;
      case 'CallExpression':
      case 'NewExpression':
      case 'OptionalCallExpression':
        // A function called by name is code, not a value the data was made from (`oneHot(labels)` reads `labels`).
        if (node.callee.type !== 'Identifier') visit(node.callee, undefined, inner);
        for (const a of node.arguments) visit(a, undefined, inner);
        return;
      default:
        if (isFunctionNode(node)) {
          // A callback's own parameters resolve to 'param' bindings and are dropped; what its body reads counts.
          visit((node as unknown as { body: Node }).body, undefined, inner);
          return;
        }
        forEachNode(node, (child) => visit(child, undefined, inner));
    }
  };
  if (call.callee.type !== 'Identifier') visit(call.callee, undefined, scope);
  for (const a of call.arguments) visit(a, undefined, scope);
  return names;
}

/** The one definition of a name bound once, as the node whose position is its line. */
function definitionOf(binding: Binding | undefined): Node | undefined {
  if (!binding || binding.reassigned) return undefined;
  if (binding.kind === 'function') return binding.declaration;
  if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') return undefined;
  return binding.init && !isModule(binding.init) ? binding.init : undefined;
}

/** A file parsed for these readers, to ask several questions of one parse (runner/valueOriginSites.ts keeps it per file). */
export interface ParsedSource {
  program: Node;
  root: Scope;
  scopeOf: Map<Node, Scope>;
  lines: LineIndex;
  /** The 1-based line of a character offset. */
  lineOf: (offset: number) => number;
}

/** Parses `text` with its scopes; undefined when it does not parse (then nothing can be read from it). */
export function parseForOrigins(text: string, fileName: string): ParsedSource | undefined {
  const parsed = parseSource(text, fileName);
  if (!parsed.ast) return undefined;
  const program = parsed.ast.program as Node;
  const { root, scopeOf } = buildScopes(program);
  const lines = new LineIndex(text);
  return { program, root, scopeOf, lines, lineOf: (offset) => lines.position(offset).line + 1 };
}

/** valueOrigins of a source text: parses it, then valueOriginsIn. */
export function valueOrigins(text: string, fileName: string, at: { line: number; column?: number }, options: { functions?: boolean } = {}): ValueOrigin[] {
  const parsed = parseForOrigins(text, fileName);
  return parsed ? valueOriginsIn(parsed, at, options) : [];
}

/**
 * The definitions of the names read by the call at `line` (and `column`, a stack frame's 1-based column: the call whose
 * callee name starts there; without one, or none matching, every call starting on the line), defined on an earlier line
 * of the same file, in the order the call reads them. Functions count only when `functions` (a loss passed by name).
 */
export function valueOriginsIn({ program, root, scopeOf, lines, lineOf }: ParsedSource, at: { line: number; column?: number }, options: { functions?: boolean } = {}): ValueOrigin[] {
  const calls = callsOnLine(program, scopeOf, root, lineOf, at.line);
  const byColumn = at.column === undefined ? [] : calls.filter(({ call }) => {
    const start = calleeNameStart(call);
    return start !== undefined && lines.position(start).column + 1 === at.column;
  });
  // Without a matching column, the outermost calls of the line (those inside them are read through them).
  const chosen = byColumn.length ? byColumn.slice(0, 1) : calls.filter(({ call }) => !calls.some((o) => o.call !== call && o.call.start! <= call.start! && call.end! <= o.call.end!));
  const origins: ValueOrigin[] = [];
  const parsed = { program, root, scopeOf };
  const add = (name: string, node: Node) => {
    const position = lines.position(node.start!);
    if (position.line + 1 >= at.line || origins.some((o) => o.name === name && o.line === position.line + 1)) return;
    origins.push({ name, line: position.line + 1, column: position.column + 1 });
  };
  // An array filled element by element: its definitions are the writes (core/arrayWrites.ts). A write of a bare name
  // only passes a value on, so that name's own definition is where it was shaped (`rows.push(row)` → `const row = …`);
  // `depth` bounds the arrays of arrays followed so (a row array filled in an inner loop, pushed by an outer one).
  const addArray = (name: string, binding: Binding, depth: number): boolean => {
    const writes = arrayWritesOf(parsed, binding);
    if (!writes) return false;
    const init = binding.init as Extract<Node, { type: 'ArrayExpression' }>;
    if (init.elements.length) add(name, init);
    for (const { value, scope } of writes) {
      const passedName = value.type === 'Identifier' ? value.name : undefined;
      const passed = passedName === undefined ? undefined : lookup(passedName, scope);
      if (passed && depth > 0 && addArray(passedName!, passed, depth - 1)) continue;
      const definition = passed?.kind === 'function' ? undefined : definitionOf(passed);
      if (passedName !== undefined && definition && !isFunctionNode(definition)) add(passedName, definition);
      else add(name, value);
    }
    return true;
  };
  for (const { call, scope } of chosen) {
    for (const { name, scope: where } of namesRead(call, scope, scopeOf)) {
      const binding = lookup(name, where);
      if (!options.functions && binding?.kind === 'function') continue;
      if (binding && addArray(name, binding, ARRAY_DEPTH)) continue;
      const definition = definitionOf(binding);
      if (!definition || (!options.functions && isFunctionNode(definition))) continue;
      if (origins.some((o) => o.name === name)) continue;
      add(name, definition);
    }
  }
  return origins.slice(0, MAX_ORIGINS);
}

/**
 * Where the loss a compile() call passes by name is defined (`const loss = (y, p) => …; model.compile({ loss })`): the
 * function a loss-function finding judges, and so the line its fix edits. Undefined for a loss written in the call, a
 * string, or a name not bound once in this file.
 */
export function lossDefinitionSite(text: string, fileName: string, compileLine: number): ValueOrigin | undefined {
  const parsed = parseForOrigins(text, fileName);
  return parsed && lossDefinitionSiteIn(parsed, compileLine);
}

/** lossDefinitionSite of a parsed file. */
export function lossDefinitionSiteIn({ program, root, scopeOf, lines, lineOf }: ParsedSource, compileLine: number): ValueOrigin | undefined {
  for (const { call, scope } of callsOnLine(program, scopeOf, root, lineOf, compileLine)) {
    const callee = call.callee;
    if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.property.type !== 'Identifier' || callee.property.name !== 'compile') continue;
    const config = call.arguments[0];
    if (config?.type !== 'ObjectExpression') continue;
    const loss = config.properties.find((p) => p.type === 'ObjectProperty' && propertyKey(p) === 'loss');
    const value = loss?.type === 'ObjectProperty' ? loss.value : undefined;
    if (value?.type !== 'Identifier') continue;
    const definition = definitionOf(lookup(value.name, scope));
    if (!definition || (!isFunctionNode(definition) && definition.type !== 'FunctionDeclaration')) continue;
    const position = lines.position(definition.start!);
    if (position.line + 1 === compileLine) continue;
    return { name: value.name, line: position.line + 1, column: position.column + 1 };
  }
  return undefined;
}
