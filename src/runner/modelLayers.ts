// The layers of a LayersModel as the profiler walks them: nested models and wrappers flattened depth first, each with
// the user frames of its creation (runner/callSites.ts), its activation and — for a called layer — its shapes.
import type { SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import type { CreationFrame } from '../core/protocol';
import { creationChainOf } from './callSites';

export type AnyLayer = {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  trainableWeights: LayerVariable[];
  weights: LayerVariable[];
  inboundNodes: unknown[];
  outboundNodes?: { outboundLayer?: { getClassName(): string } }[];
  output: SymbolicTensor | SymbolicTensor[];
  layers?: AnyLayer[];
  layer?: AnyLayer;
  forwardLayer?: AnyLayer;
  backwardLayer?: AnyLayer;
};
export type LayerVariable = { name: string; shape: number[]; trainable: boolean; read(): Tensor & { name: string } };

/** A layer's activation: a ReLU layer's own, else the one its config names. */
export function activationOf(layer: AnyLayer): string | undefined {
  const cls = layer.getClassName();
  if (cls === 'ReLU') return 'relu';
  const config = layer.getConfig();
  const act = config.activation;
  return typeof act === 'string' ? act : undefined;
}

/** A called layer's one output and input shape ([null, …]); nothing for a layer with several, or none yet. */
export function shapesOf(layer: AnyLayer): { outputShape?: (number | null)[]; inputShape?: (number | null)[] } {
  const one = (key: 'outputShape' | 'inputShape') => {
    try {
      // tfjs layers have no inputShape property: a called layer's one input is the symbolic tensor `input`.
      const shape = key === 'inputShape' ? (layer as unknown as { input: { shape?: unknown } }).input.shape : (layer as unknown as Record<string, unknown>)[key];
      return Array.isArray(shape) && shape.every((d) => d === null || typeof d === 'number') ? { [key]: [...(shape as (number | null)[])] } : {};
    } catch {
      return {}; // an uncalled layer's shapes throw, and so does `input` for a layer with several inputs
    }
  };
  return { ...one('outputShape'), ...one('inputShape') };
}

export type FlatLayer = { layer: AnyLayer; parent?: string; topLevel: boolean; chain?: CreationFrame[] };

/** All layers, depth first: nested models and wrappers contribute their inner layers. */
export function flattenLayers(layers: AnyLayer[], parent?: string, out: FlatLayer[] = [], userChain?: CreationFrame[]) {
  for (const layer of layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    out.push({ layer, parent, topLevel: parent === undefined, chain: userChain ?? creationChainOf(layer) });
    if (layer.forwardLayer && layer.backwardLayer) {
      // Bidirectional builds its forward/backward layers from the config of the layer the user passed in,
      // inside its own constructor; that user layer is never called. Report the two working copies at the
      // line where the user created the recurrent layer, and leave the unused original out.
      const chain = (layer.layer && creationChainOf(layer.layer)) ?? creationChainOf(layer);
      flattenLayers([layer.forwardLayer, layer.backwardLayer], layer.name, out, chain);
      continue;
    }
    const children = layer.layers ?? (layer.layer ? [layer.layer] : []);
    flattenLayers(children, layer.name, out);
  }
  return out;
}
