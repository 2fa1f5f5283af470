// Hand-made layer descriptions and weight statistics for the health-rule unit tests that need a Dense layer's kernel
// and bias shapes (fan-in, units): test/unit/saturatingStack.test.ts, test/unit/saturationCause.test.ts.
import type { LayerInfo, WeightStats } from '../../src/core/protocol';

/** A Dense layer `fanIn → units` with a kernel and a bias, created at `line` of /m.js. */
export function denseLayer(name: string, activation: string, line: number, fanIn: number, units: number): LayerInfo {
  return {
    name,
    className: 'Dense',
    activation,
    location: { file: '/m.js', line, column: 1 },
    weights: [
      { name: `${name}/kernel`, shape: [fanIn, units], trainable: true },
      { name: `${name}/bias`, shape: [units], trainable: true },
    ],
  };
}

/** One weight's statistics: its gradient's ‖g‖ and its own ‖w‖ (the rest follows from them). */
export function weightStats(name: string, gradNorm: number, weightNorm: number): WeightStats {
  return { name, gradNorm, meanAbs: gradNorm / 10, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm, ratio: gradNorm / weightNorm, histogram: new Array(64).fill(0) };
}
