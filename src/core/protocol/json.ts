// JSON in which NaN and ±Infinity survive: plain JSON turns them into null, and a model whose gradients
// overflowed must say so, not report zeros. Used for runner messages, panel messages and the CLI's JSON.
const NON_FINITE_KEY = '$nonFinite';

function replaceNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { [NON_FINITE_KEY]: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  return value;
}

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[NON_FINITE_KEY];
    if (typeof tag === 'string' && Object.keys(value).length === 1) {
      return tag === 'NaN' ? NaN : tag === 'Infinity' ? Infinity : -Infinity;
    }
  }
  return value;
}

/** JSON text in which NaN and ±Infinity survive (as {"$nonFinite": "NaN"} etc.). */
export function stringifyWithNonFinite(value: unknown, indent?: number): string {
  return JSON.stringify(value, replaceNonFinite, indent);
}

export function parseWithNonFinite(text: string): unknown {
  return JSON.parse(text, reviveNonFinite);
}
