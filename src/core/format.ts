/** Compact engineering form for gradient magnitudes: 2.1e-3, 0.53, 1.2e9, NaN, Inf. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-2 && abs < 1e3) return String(Number(value.toPrecision(2)));
  return value.toExponential(1).replace('e+', 'e');
}

/** A learning rate as short source text with 2 significant digits: 3e-4, 2.5e-3, 0.01, 0.3, 1.5. */
export function formatLearningRate(lr: number): string {
  const rounded = Number(lr.toPrecision(2));
  if (rounded >= 1e-2 && rounded < 1e3) return String(rounded);
  const [mantissa, exponent] = rounded.toExponential().split('e');
  return `${mantissa}e${exponent.replace('+', '')}`;
}
