// Seeded mutations of model files for the analyzer's fuzz test and for comparing two analyzers' output
// (bench/lintSame.ts): truncations, deleted and duplicated spans, inserted tokens, swapped lines, changed numbers.
const TOKENS = ['(', ')', '{', '}', '[', ']', ',', ';', '.', '=', ':', "'", '"', '`', '${', '/*', '*/', '//', '\n', '...', '=>', '?', '?.', '!', 'await ', 'async ', 'new ', 'return ', 'const ', 'let ', 'var ', 'function ', 'class ', 'import ', 'export ', 'as any', ' as const', '<T>', 'if (x) ', 'else ', 'for (let i = 0; i < 3; i++) ', 'for (const u of [1, 2]) ', 'while (true) ', 'tf.', 'tf.layers.', 'tf.layers.dense({ units: 4 })', "tf.layers.dense({ activation: 'sigmoid' })", 'model.add(', '.apply(x)', 'tf.train.sgd(', 'tf.initializers.constant({ value: 9 })', "activation: 'tanh'", "loss: 'binaryCrossentropy'", 'rate: 0.99', 'NaN', 'Infinity', '-0', '1e308', '-1e-320', '0x10', '10n', 'undefined', 'null', 'this', 'super', '#priv', '\u2028', '🙂', '\r\n', '\t'];

/** One random edit of `text` (the caller applies several for larger changes). */
export function mutate(text: string, rand: () => number): string {
  const at = () => Math.floor(rand() * (text.length + 1));
  const kind = Math.floor(rand() * 7);
  switch (kind) {
    case 0: // truncate
      return text.slice(0, at());
    case 1: {
      // delete a span
      const a = at();
      return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(rand() * 40)));
    }
    case 2: {
      // insert a token
      const a = at();
      return text.slice(0, a) + TOKENS[Math.floor(rand() * TOKENS.length)] + text.slice(a);
    }
    case 3: {
      // duplicate a span somewhere else
      const a = at();
      const span = text.slice(a, a + Math.floor(rand() * 200));
      const b = at();
      return text.slice(0, b) + span + text.slice(b);
    }
    case 4: {
      // swap two lines
      const lines = text.split('\n');
      const i = Math.floor(rand() * lines.length);
      const j = Math.floor(rand() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 5: {
      // replace one character
      const a = at();
      return text.slice(0, a) + String.fromCharCode(32 + Math.floor(rand() * 95)) + text.slice(a + 1);
    }
    default: {
      // change a number
      const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
      if (!numbers.length) return text;
      const m = numbers[Math.floor(rand() * numbers.length)];
      const replacement = ['0', '1', '-1', '0.9', '1e9', '1e-9', '3', '100000'][Math.floor(rand() * 8)];
      return text.slice(0, m.index) + replacement + text.slice(m.index! + m[0].length);
    }
  }
}
