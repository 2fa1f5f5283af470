// A function that only forwards its parameters, in order, to one call: `(a, b) => f(a, b)` or
// `function (a, b) { return f(a, b); }` (an expression or a declaration) (further arguments after them allowed). Such a wrapper computes what f
// computes, so the analyzer may read it as f.
import type { CallExpression, Node } from '@babel/types';

const rootName = (node: Node): string | undefined =>
  node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression' ? rootName(node.object) : undefined;

/** The call `fn` forwards its first `count` parameters to, or undefined when it does anything else. */
export function forwardedCall(fn: Node, count: number): CallExpression | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  if (fn.async || fn.generator || fn.params.length < count) return undefined;
  const params = fn.params.slice(0, count).map((p) => (p.type === 'Identifier' ? p.name : undefined));
  if (params.some((p) => p === undefined)) return undefined;
  let body: Node = fn.body;
  if (body.type === 'BlockStatement') {
    const [only] = body.body;
    if (body.body.length !== 1 || only.type !== 'ReturnStatement' || !only.argument) return undefined;
    body = only.argument;
  }
  while (body.type === 'ParenthesizedExpression') body = body.expression;
  if (body.type !== 'CallExpression') return undefined;
  const args = body.arguments;
  if (args.length < count || params.some((p, i) => args[i].type !== 'Identifier' || (args[i] as { name: string }).name !== p)) return undefined;
  // The callee must not be one of the parameters (e.g. `(tf, p) => tf.losses.x(tf, p)` reads the argument, not tfjs).
  const root = body.callee.type === 'V8IntrinsicIdentifier' ? undefined : rootName(body.callee);
  return root !== undefined && !params.includes(root) ? body : undefined;
}
