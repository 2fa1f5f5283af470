// How many times a counted `for` loop runs, when its header fixes it.
import type { Node } from '@babel/types';
import type { Repeat, Val } from './facts';
import { forEachChild } from './traversal';

type ForStatement = Extract<Node, { type: 'ForStatement' }>;

/** True when the body assigns the counter or leaves the loop early (the count would be wrong). */
function bodyChangesCount(body: Node, counter: string): boolean {
  let touched = false;
  const visit = (n: Node): void => {
    if (touched) return;
    if ((n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === counter) || (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === counter)) touched = true;
    else if (n.type === 'BreakStatement' || n.type === 'ReturnStatement' || n.type === 'ContinueStatement' || n.type === 'ThrowStatement') touched = true;
    else forEachChild(n, visit, undefined, undefined);
  };
  visit(body);
  return touched;
}

/** Iterations of a `for` loop when its header is `let i = A; i < B (or <=, >, >=); i++ / i += k / i--`. */
export function forCount(node: ForStatement, evaluate: (node: Node) => Val): Repeat {
  const init = node.init;
  if (init?.type !== 'VariableDeclaration' || init.declarations.length !== 1) return 'unknown';
  const decl = init.declarations[0];
  if (decl.id.type !== 'Identifier' || !decl.init) return 'unknown';
  const name = decl.id.name;
  const start = evaluate(decl.init);
  const test = node.test;
  if (start.kind !== 'num' || test?.type !== 'BinaryExpression' || test.left.type !== 'Identifier' || test.left.name !== name) return 'unknown';
  const bound = evaluate(test.right);
  if (bound.kind !== 'num') return 'unknown';
  const update = node.update;
  let step: number | undefined;
  if (update?.type === 'UpdateExpression' && update.argument.type === 'Identifier' && update.argument.name === name) step = update.operator === '++' ? 1 : -1;
  else if (update?.type === 'AssignmentExpression' && update.left.type === 'Identifier' && update.left.name === name && (update.operator === '+=' || update.operator === '-=')) {
    const k = evaluate(update.right);
    if (k.kind === 'num' && k.value > 0) step = update.operator === '+=' ? k.value : -k.value;
  }
  if (step === undefined || bodyChangesCount(node.body, name)) return 'unknown';
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

export function times(a: Repeat, b: Repeat): Repeat {
  return a === 'unknown' || b === 'unknown' ? 'unknown' : a * b;
}
