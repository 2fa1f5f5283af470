// What an exported function expects, read from its source with acorn (nothing is executed): the names of
// its parameters, which of them are callbacks (named like one, or called in the body), and whether its
// own text trains a model. A training entry such as `module.exports = function fit(onTrainEnd) {…}` is
// called with a no-op for each callback instead of asking the user for arguments JSON cannot express.

export interface ParameterInfo {
  /** Source text of the parameter (`units`, `{ units }`, `opts = {}`). */
  text: string;
  /** Named like a callback or called as a function in the body. */
  callback: boolean;
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** onTrainEnd, onDone, cb, callback, done, next, resolve, progressCallback, logHandler, … */
const CALLBACK_NAME = /^(?:on[A-Z_$]|cb$|callback|done$|next$|resolve$|reject$)|(?:Callback|Cb|Handler|Listener|Fn)$/;
/** A call of a model-training method in the function's own text. */
const TRAINS = /\.\s*(?:fit|fitDataset|trainOnBatch)\s*\(/;

function parseFunction(fn: (...args: unknown[]) => unknown): { node: Node; text: string } | undefined {
  // Loaded here, on the rare path of a function export with parameters, to keep the runner's start-up lean.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only on this rare path, to keep the runner's start-up lean
  const { parse } = require('acorn') as typeof import('acorn');
  const text = Function.prototype.toString.call(fn);
  for (const wrapped of [`(${text})`, `({${text}})`]) {
    try {
      const program = parse(wrapped, { ecmaVersion: 'latest' }) as unknown as { body: { expression: Node }[] };
      let node = program.body[0].expression;
      if (node.type === 'ObjectExpression') node = (node.properties as Node[])[0].value as Node;
      return { node, text: wrapped };
    } catch {
      // a method shorthand parses only in the object form; try it next
    }
  }
  return undefined;
}

/** Every node below `node` (a plain walk over child objects: the function bodies here are small). */
function* descendants(node: unknown): Generator<Node> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* descendants(child);
    return;
  }
  const n = node as Node;
  if (typeof n.type === 'string') yield n;
  for (const [key, value] of Object.entries(n)) if (key !== 'type' && value && typeof value === 'object') yield* descendants(value);
}

function calledNames(body: unknown): Set<string> {
  const names = new Set<string>();
  for (const n of descendants(body)) {
    if (n.type !== 'CallExpression') continue;
    let callee = n.callee as Node;
    // cb.call(…) / cb.apply(…)
    if (callee.type === 'MemberExpression' && ['call', 'apply'].includes(((callee.property as Node).name as string) ?? '')) callee = callee.object as Node;
    if (callee.type === 'Identifier') names.add(callee.name as string);
  }
  return names;
}

/** The function's parameters, with a callback flag for each. */
export function parameterInfo(fn: (...args: unknown[]) => unknown): ParameterInfo[] {
  const parsed = parseFunction(fn);
  if (!parsed) return Array.from({ length: fn.length }, (_, i) => ({ text: `arg${i + 1}`, callback: false }));
  const params = parsed.node.params as Node[];
  const called = calledNames(parsed.node.body);
  return params.map((p) => {
    const name = p.type === 'Identifier' ? (p.name as string) : p.type === 'AssignmentPattern' && (p.left as Node).type === 'Identifier' ? ((p.left as Node).name as string) : undefined;
    return { text: parsed.text.slice(p.start, p.end), callback: name !== undefined && (CALLBACK_NAME.test(name) || called.has(name)) };
  });
}

/** Parameter names of a function, for the "needs arguments" message. */
export function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  return parameterInfo(fn).map((p) => p.text);
}

/** Whether the function's own source calls fit/fitDataset/trainOnBatch (a hint, used to pick among exports). */
export function trainsInItsText(fn: (...args: unknown[]) => unknown): boolean {
  return TRAINS.test(Function.prototype.toString.call(fn));
}

/**
 * Arguments for calling `fn` when the user gave none: nothing for a function without required parameters,
 * a no-op for each callback, or undefined when a required parameter is not a callback (it needs arguments).
 */
export function defaultArguments(fn: (...args: unknown[]) => unknown): { args: unknown[]; callbacks: string[] } | undefined {
  if (fn.length === 0) return { args: [], callbacks: [] };
  const params = parameterInfo(fn);
  const required = params.slice(0, fn.length);
  if (required.some((p) => !p.callback)) return undefined;
  return { args: required.map(() => () => undefined), callbacks: required.map((p) => p.text) };
}
