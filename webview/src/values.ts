// Chart values from measurements, without DOM (the data modules and their Node unit tests use them too).

/** Finite numbers only: uPlot draws null as a gap, NaN/Inf would break scales. */
export const finiteOrNull = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) ? value : null);
/** For log axes: also no zeros or negatives. */
export const positiveOrNull = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) && value > 0 ? value : null);
