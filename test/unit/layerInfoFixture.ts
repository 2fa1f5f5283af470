// A LayerInfo as the runner reports it, for rule tests that read a model's layers (linear-model rules).
import type { LayerInfo } from '../../src/core/protocol';

export const layer = (name: string, className: string, activation?: string, line = 10): LayerInfo => ({
  name,
  className,
  ...(activation ? { activation } : {}),
  location: { file: '/m.js', line, column: 3 },
  weights: [],
});
