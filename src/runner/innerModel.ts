// The LayersModel inside a Sequential (its own module: data.ts and tensorSites.ts both need it, and data.ts
// reads tensorSites.ts).
import type { LayersModel } from '@tensorflow/tfjs';

type Inner = LayersModel & {
  inputLayers: { outboundNodes: { outboundLayer: { getClassName(): string; getConfig(): Record<string, unknown> } }[] }[];
  lossFunctions: ((...args: unknown[]) => unknown)[];
  loss: unknown;
};

/** The LayersModel that holds inputs, outputs and compiled loss functions (a Sequential wraps one). */
export function innerModel(model: LayersModel): Inner {
  const wrapped = (model as unknown as { model?: LayersModel }).model;
  return (wrapped && wrapped !== model ? wrapped : model) as Inner;
}
