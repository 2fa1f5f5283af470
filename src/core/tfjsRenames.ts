// TensorFlow.js 1.0 deleted or renamed a few 0.x APIs (release notes of v1.0.0 and the 0.15 deprecation
// notes: https://github.com/tensorflow/tfjs/releases/tag/v1.0.0). Gradient Lens runs every workspace on a
// tfjs ≥ 1 (the bundled 4.x where the workspace's own cannot train), so a 0.x script fails on the old name
// with a bare "tf.loadModel is not a function". The message then says what the name became.

/** Old name → what replaces it, as the 1.0 release notes put it. */
export const REMOVED_IN_1_0: Record<string, string> = {
  loadModel: 'tf.loadLayersModel',
  loadFrozenModel: 'tf.loadGraphModel (converted models are now model.json graphs)',
  fromPixels: 'tf.browser.fromPixels',
  toPixels: 'tf.browser.toPixels',
  batchNormalization: 'tf.batchNorm (note the changed argument order)',
  Model: 'tf.LayersModel',
  FrozenModel: 'tf.GraphModel',
};

// "tf.loadModel is not a function", "(0 , tfjs_1.loadModel) is not a function", "tf.Model is not a constructor".
const CALL = /(?:^|[\s.(])(loadModel|loadFrozenModel|fromPixels|toPixels|batchNormalization)\)? is not a function/;
const CONSTRUCT = /(?:^|[\s.(])(Model|FrozenModel)\)? is not a constructor/;

/**
 * `tensor.get(i, j)`, removed in 1.0 (tfjs-core#1537, deprecated in 0.15: tfjs#1210), fails as "a.get is not
 * a function" with whatever the variable is called. Only a plain variable is matched, and the sentence says
 * "if it is a tensor": other objects have no get() either.
 */
const TENSOR_GET = /(?:^|[\s(])([A-Za-z_$][\w$]*)\.get is not a function/;
/** The same at the end of a chain of calls, as V8 prints it: "x.matMul(...).sub(...).get is not a function". */
const CHAINED_GET = /(?:^|[\s(])((?:this|[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*(?:\(\.\.\.\))?)*\(\.\.\.\))\.get is not a function/;

/** The sentence to add when `message` is a call of an API that tfjs 1.0 removed; undefined otherwise. */
export function removedApiHint(message: string, runningVersion?: string): string | undefined {
  const running = runningVersion ? ` Gradient Lens runs this workspace on TensorFlow.js ${runningVersion}.` : '';
  const name = (CALL.exec(message) ?? CONSTRUCT.exec(message))?.[1];
  if (name) return `tf.${name} is a TensorFlow.js 0.x name that 1.0 removed: use ${REMOVED_IN_1_0[name]}.${running}`;
  const receiver = TENSOR_GET.exec(message)?.[1];
  if (receiver) return `If ${receiver} is a tensor: Tensor.get() is a TensorFlow.js 0.x method that 1.0 removed: read its values with ${receiver}.arraySync() or ${receiver}.bufferSync().get(…).${running}`;
  const chain = CHAINED_GET.exec(message)?.[1];
  if (chain) return `If ${chain} is a tensor (an op's result): Tensor.get() is a TensorFlow.js 0.x method that 1.0 removed: read its values with .arraySync() or .bufferSync().get(…) in place of .get().${running}`;
  return undefined;
}
