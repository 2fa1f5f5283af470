// Walking @babel/parser's tree fast: the child nodes the analyzer reads, in source order, without a
// visitor library (no per-node allocation, no megamorphic keyed loads on the hot node types).
import type { Node } from '@babel/types';

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
 * has them all (TS-only `implements`/`extends` can appear late; they hold no layers). Saves a for-in with
 * megamorphic loads on every node.
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

export type Visit<A, B> = (child: Node, a: A, b: B) => void;

function visitInner<A, B>(child: Node | null | undefined, visit: Visit<A, B>, a: A, b: B): void {
  if (child && !LEAF_TYPES.has(child.type)) visit(child, a, b);
}

function visitAll<A, B>(children: readonly (Node | null)[], visit: Visit<A, B>, a: A, b: B): void {
  for (const child of children) visitInner(child, visit, a, b);
}

/**
 * Calls `visit(child, a, b)` for each non-leaf child node, in source order (extra arguments instead of a
 * closure: no allocation per node). The most frequent node types read their fields by name: a keyed load
 * `node[key]` over ~100 node shapes is megamorphic, and on the walk's hottest path it dominates the analysis time.
 */
export function forEachChild<A, B>(node: Node, visit: Visit<A, B>, a: A, b: B): void {
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

export function isFunctionNode(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

export function createsScope(node: Node): boolean {
  return SCOPE_TYPES.has(node.type);
}

/** The name of a non-computed (or literal) object key, undefined when computed at run time. */
export function propertyKey(prop: { key: Node; computed: boolean }): string | undefined {
  if (!prop.computed && prop.key.type === 'Identifier') return prop.key.name;
  if (prop.key.type === 'StringLiteral') return prop.key.value;
  if (prop.key.type === 'NumericLiteral') return String(prop.key.value);
  return undefined;
}
