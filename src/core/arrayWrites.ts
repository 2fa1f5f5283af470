// Where the values of an array built element by element enter it. `const inputs = []; for (…) inputs.push([x]);
// tf.tensor2d(inputs)`: the declaration `[]` made no value the tensor holds — every row entered at the push, and the
// fix for a value there (scale it, relabel it) edits the push. In reaching-definitions terms (Aho, Lam, Sethi & Ullman,
// "Compilers", §9.2.4) a call that stores into an array defines its contents as an assignment defines a name; the writes
// are its definitions. Counted: push/unshift (their arguments), splice (the inserted items), `a[i] = v`, and `a =
// a.concat(…)` / `a = [...a, …]` (a rebinding that only adds to the same array). Any other reassignment of the name
// leaves the array unresolved, as a reassigned name is (core/valueOrigins.ts). An array handed to a function that fills
// it is not followed: the writes are in another function's code, under another name. Pure: parsed source in, nodes out.
import type { Node } from '@babel/types';
import { lookup, type Binding, type Scope } from './lint/scopes';
import { forEachChild } from './lint/traversal';

/** A value stored into an array: the expression, with the scope it is read in (to resolve the names it reads). */
export interface ArrayWrite {
  value: Node;
  scope: Scope;
}

interface WriteIndex {
  writes: Map<Binding, ArrayWrite[]>;
  /** Bindings reassigned other than by adding to themselves: their contents are not resolved. */
  rebound: Set<Binding>;
  /** Bindings rebound by adding to themselves (`a = a.concat(x)`): reassigned, yet their contents are followed. */
  grown: Set<Binding>;
}

const ADDING_METHODS: Readonly<Record<string, number>> = { push: 0, unshift: 0, splice: 2 };

/** Parsed programs' write indexes: built once per parse, however many names a profile asks about. */
const indexes = new WeakMap<Node, WriteIndex>();

/** The name a member expression's object is, when it is a bare name (`inputs.push`, `inputs[i]`). */
function objectName(node: Node): string | undefined {
  return (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.object.type === 'Identifier' ? node.object.name : undefined;
}

/** The values an array-adding call stores (`a.push(x, ...ys)` → x, ys), or undefined when it is no such call. */
function addedByCall(node: Node): { name: string; values: Node[] } | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return undefined;
  const callee = node.callee;
  const name = objectName(callee);
  if (!name || (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  if (!Object.hasOwn(ADDING_METHODS, callee.property.name)) return undefined;
  const from = ADDING_METHODS[callee.property.name];
  return { name, values: node.arguments.slice(from).map((a) => (a.type === 'SpreadElement' ? a.argument : a)) };
}

/** `a = a.concat(x, y)` → x, y; `a = [...a, x]` → x; undefined for any other right-hand side. */
function addedByRebinding(name: string, right: Node): Node[] | undefined {
  if (right.type === 'CallExpression' && objectName(right.callee) === name && right.callee.type === 'MemberExpression' && !right.callee.computed && right.callee.property.type === 'Identifier' && right.callee.property.name === 'concat') {
    return right.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a));
  }
  if (right.type === 'ArrayExpression' && right.elements.some((e) => e?.type === 'SpreadElement' && e.argument.type === 'Identifier' && e.argument.name === name)) {
    return right.elements.flatMap((e) => (!e || (e.type === 'SpreadElement' && e.argument.type === 'Identifier' && e.argument.name === name) ? [] : [e.type === 'SpreadElement' ? e.argument : e]));
  }
  return undefined;
}

function buildIndex(program: Node, root: Scope, scopeOf: Map<Node, Scope>): WriteIndex {
  const writes = new Map<Binding, ArrayWrite[]>();
  const rebound = new Set<Binding>();
  const grown = new Set<Binding>();
  const add = (name: string, scope: Scope, values: Node[], rebinding = false) => {
    const binding = lookup(name, scope);
    if (!binding) return;
    if (rebinding) grown.add(binding);
    const list = writes.get(binding) ?? [];
    list.push(...values.map((value) => ({ value, scope })));
    writes.set(binding, list);
  };
  const visit = (node: Node, _unused: undefined, scope: Scope): void => {
    const inner = scopeOf.get(node) ?? scope;
    const byCall = addedByCall(node);
    if (byCall) add(byCall.name, inner, byCall.values);
    if (node.type === 'AssignmentExpression' && node.operator === '=') {
      const indexed = node.left.type === 'MemberExpression' && node.left.computed ? objectName(node.left) : undefined;
      if (indexed) add(indexed, inner, [node.right]);
      if (node.left.type === 'Identifier') {
        const values = addedByRebinding(node.left.name, node.right);
        if (values) add(node.left.name, inner, values, true);
        else {
          const binding = lookup(node.left.name, inner);
          if (binding) rebound.add(binding);
        }
      }
    } else if ((node.type === 'AssignmentExpression' && node.left.type === 'Identifier') || (node.type === 'UpdateExpression' && node.argument.type === 'Identifier')) {
      const target = node.type === 'AssignmentExpression' ? node.left : node.argument;
      const binding = target.type === 'Identifier' ? lookup(target.name, inner) : undefined;
      if (binding) rebound.add(binding);
    }
    forEachChild(node, visit, undefined, inner);
  };
  visit(program, undefined, root);
  return { writes, rebound, grown };
}

/**
 * The values stored into the array a binding holds, in source order, when it is declared as an array literal
 * (`[]`, `[[0, 1]]`) and never rebound except by adding to itself; undefined otherwise (then its declaration is
 * its one definition, as for any name). A literal with elements of its own is a definition too: the caller keeps it.
 */
export function arrayWritesOf(parsed: { program: Node; root: Scope; scopeOf: Map<Node, Scope> }, binding: Binding): ArrayWrite[] | undefined {
  if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') return undefined;
  if (binding.init?.type !== 'ArrayExpression' || binding.path?.length) return undefined;
  let index = indexes.get(parsed.program);
  if (!index) {
    index = buildIndex(parsed.program, parsed.root, parsed.scopeOf);
    indexes.set(parsed.program, index);
  }
  // A name reassigned only by adding to itself is still one array; any other reassignment (or a redeclaration) is not.
  if (index.rebound.has(binding) || (binding.reassigned && !index.grown.has(binding))) return undefined;
  const writes = index.writes.get(binding);
  return writes?.length ? [...writes].sort((a, b) => a.value.start! - b.value.start!) : undefined;
}
