import type { LayersModel } from '@tensorflow/tfjs';
import { innerModel } from './data';

/** Loss for an uncompiled model, from the activation of its (first) output layer. */
export function chooseDefaultLoss(model: LayersModel): { loss: string; reason: string } {
  const inner = innerModel(model);
  const outputLayer = inner.outputLayers?.[0] ?? inner.layers[inner.layers.length - 1];
  const activation = String(outputLayer?.getConfig().activation ?? 'linear');
  if (activation === 'softmax') return { loss: 'categoricalCrossentropy', reason: 'softmax output' };
  if (activation === 'sigmoid') return { loss: 'binaryCrossentropy', reason: 'sigmoid output' };
  return { loss: 'meanSquaredError', reason: `${activation} output` };
}
