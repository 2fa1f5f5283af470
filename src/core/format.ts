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
