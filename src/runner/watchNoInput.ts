// The no-input loss of a watched fit(): the compiled loss of every training row predicted as the labels' mean (class
// frequencies), the level a model that learned anything from its inputs ends below (core/planEndRule.ts). Computed
// once, at the first training call, from the labels the script passed to fit().
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { NoInputLoss } from '../core/planEndRule';
import { CATEGORICAL_LOSSES, BINARY_LOSSES, SQUARED_LOSSES, normalizeLoss } from '../core/lossRules';
import { innerModel } from './data';
import type { Capture } from './discovery';
import { inputBlindLoss } from './labelProbe';
import { lossNames } from './modelShapes';
import type { Tf } from './tfjsResolve';

/** Losses whose best constant prediction is the labels' mean (proper scoring rules): others have no such closed form here. */
const PROPER = (name: string) => [CATEGORICAL_LOSSES, BINARY_LOSSES, SQUARED_LOSSES].some((set) => set.has(normalizeLoss(name)));

const isTensor = (x: unknown): x is Tensor => !!x && typeof x === 'object' && 'shape' in x && 'dtype' in x;

/** A layer config's penalty: the run's loss then holds it, and a penalty alone can keep the loss at the no-input level. */
function penalised(model: LayersModel): boolean {
  return innerModel(model).layers.some((layer) => {
    const config = layer.getConfig() as Record<string, unknown>;
    return ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'depthwiseRegularizer', 'pointwiseRegularizer', 'recurrentRegularizer'].some((key) => config[key]);
  });
}

/**
 * The no-input loss of the rows a fit(x, y) call trains on, or undefined: another training call (fitDataset, trainOnBatch
 * see batches, not the labels), a loss without a closed-form best constant, or a model with a regularization penalty.
 */
export function noInputLossOf(tf: Tf, model: LayersModel, capture: Capture): NoInputLoss | undefined {
  if (capture.method !== 'fit') return undefined;
  const y = capture.args[1];
  const ys = isTensor(y) ? [y] : Array.isArray(y) && y.every(isTensor) ? (y as Tensor[]) : undefined;
  const names = lossNames(model);
  if (!ys || ys.length !== names.length || !names.every(PROPER) || penalised(model)) return undefined;
  try {
    const value = inputBlindLoss(tf, model, { xs: [], ys });
    return value === undefined ? undefined : { value, basis: `${names.join(' + ')} of every row predicted as the labels' mean${names.some((n) => !SQUARED_LOSSES.has(normalizeLoss(n))) ? ' (class frequencies: the labels\' entropy)' : ' (the targets\' variance)'}` };
  } catch {
    return undefined;
  }
}
