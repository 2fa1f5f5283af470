// Constant evaluation: the value of an expression as far as this file fixes it (literals, objects, arrays,
// arithmetic, bindings, tfjs namespace members). Calls are handed to the model recognizer. Anything else is
// `unknown`, and the rules stay silent on unknowns.
import type { Node, ObjectExpression, ObjectProperty, CallExpression } from '@babel/types';
import { UNKNOWN, type Val } from './facts';
import { isTfjsModule, lookup, moduleName, type Binding, type Scope } from './scopes';
import { propertyKey } from './traversal';

/** `obj[key]`: tfjs namespace paths grow, closed objects/arrays answer nullish for what they lack. */
export function member(obj: Val, key: string): Val {
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

function select(val: Val, path: string[]): Val {
  let v = val;
  for (const key of path) v = member(v, key);
  return v;
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

function keyOf(v: Val): string | undefined {
  return v.kind === 'str' ? v.value : v.kind === 'num' ? String(v.value) : undefined;
}

/** The value of a call (layer factories, models, optimizers, apply()): the model recognizer's job. */
export type CallInterpreter = (node: CallExpression, scope: Scope) => Val;

export class ConstantEvaluator {
  /** Current values of reassigned bindings, as the walk reaches each assignment. */
  readonly current = new Map<Binding, Val>();
  /** Values of bindings assigned once, computed on first use (or at their declaration). */
  readonly constants = new Map<Binding, Val>();
  /** Bindings whose initializer is being evaluated: a cycle (`const a = b, b = a`) is unknown. */
  private readonly evaluating = new Set<Binding>();

  constructor(private readonly interpretCall: CallInterpreter) {}

  bindingValue(b: Binding): Val {
    if (b.importValue) return b.importValue;
    if (b.reassigned) return this.current.get(b) ?? UNKNOWN;
    if (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var') return UNKNOWN;
    if (!b.init) return UNKNOWN;
    const cached = this.constants.get(b);
    if (cached) return cached;
    if (this.evaluating.has(b)) return UNKNOWN;
    this.evaluating.add(b);
    const value = select(this.evaluate(b.init, b.scope), b.path ?? []);
    this.evaluating.delete(b);
    this.constants.set(b, value);
    return value;
  }

  /** The value of argument `i` of a call (unknown for spreads and absent arguments). */
  argument(node: CallExpression, i: number, scope: Scope): Val {
    const a = node.arguments[i];
    return a && a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder' ? this.evaluate(a, scope) : UNKNOWN;
  }

  evaluate(node: Node, scope: Scope): Val {
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
        const arg = this.evaluate(node.argument, scope);
        if (arg.kind === 'num' && (node.operator === '-' || node.operator === '+')) return { kind: 'num', value: node.operator === '-' ? -arg.value : arg.value, node };
        return UNKNOWN;
      }
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateName') return UNKNOWN;
        const a = this.evaluate(node.left, scope);
        const b = this.evaluate(node.right, scope);
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
        return this.evaluate(node.expression, scope);
      case 'AwaitExpression':
        return node.argument.type === 'ImportExpression' ? this.evaluate(node.argument, scope) : UNKNOWN;
      case 'ImportExpression':
        return isTfjsModule(moduleName(node.source)) ? { kind: 'tf', path: [] } : UNKNOWN;
      case 'Identifier': {
        if (node.name === 'undefined') return { kind: 'nullish', node };
        const b = lookup(node.name, scope);
        return b ? this.bindingValue(b) : UNKNOWN;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const key = node.computed ? keyOf(this.evaluate(node.property, scope)) : node.property.type === 'Identifier' ? node.property.name : undefined;
        if (key === undefined) return UNKNOWN;
        return member(this.evaluate(node.object, scope), key);
      }
      case 'ObjectExpression':
        return this.objectValue(node, scope);
      case 'ArrayExpression': {
        const items: Val[] = [];
        let open = false;
        for (const el of node.elements) {
          if (!el) items.push({ kind: 'nullish', node });
          else if (el.type === 'SpreadElement') {
            const spread = this.evaluate(el.argument, scope);
            if (spread.kind === 'arr' && !spread.open) items.push(...spread.items);
            else open = true;
          } else items.push(this.evaluate(el, scope));
        }
        return { kind: 'arr', items, open, node };
      }
      case 'CallExpression':
        return this.interpretCall(node, scope);
      default:
        return UNKNOWN;
    }
  }

  private objectValue(node: ObjectExpression, scope: Scope): Val {
    const props = new Map<string, { val: Val; prop: ObjectProperty | undefined }>();
    let open = false;
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const spread = this.evaluate(p.argument, scope);
        if (spread.kind === 'obj') {
          for (const [k, v] of spread.props) props.set(k, { val: v.val, prop: undefined });
          open ||= spread.open;
        } else open = true;
        continue;
      }
      const key = p.computed ? keyOf(this.evaluate(p.key, scope)) : propertyKey(p);
      if (key === undefined) {
        open = true;
        continue;
      }
      props.set(key, p.type === 'ObjectProperty' ? { val: this.evaluate(p.value, scope), prop: p } : { val: UNKNOWN, prop: undefined });
    }
    return { kind: 'obj', props, open, node };
  }
}
