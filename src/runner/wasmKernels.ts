// The wasm backend (tfjs 4.22) ships no Conv2DBackpropFilter kernel, so no conv net can be trained on it.
// This supplies it as a composition of kernels wasm does have:
//   dW[kh,kw,ci,co] = Σ_{b,i,j} xpad[b, i·s+kh, j·s+kw, ci] · dy[b,i,j,co]
// i.e. a conv2d of xpad viewed as [ci,H,W,b] with dy viewed as the filter [oh,ow,b,co] and dilation = stride.
import type { Tf } from './tfjsResolve';

interface KernelArgs {
  inputs: { x: TensorInfoLike; dy: TensorInfoLike };
  backend: { incRef(dataId: object): void };
  attrs: {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
}
interface TensorInfoLike {
  dataId: object;
  shape: number[];
  dtype: 'float32';
}

/**
 * A tensor over a kernel input, with its own reference (the engine disposes it separately). tfjs-core before
 * 3.10 or so has no makeTensorFromTensorInfo; wasm before 3.1 keeps no reference counts (then the kernels
 * are not supplied: see canSupplyKernels).
 */
function wrapTensor(tf: Tf, backend: { incRef(dataId: object): void }, info: TensorInfoLike): import('@tensorflow/tfjs').Tensor {
  backend.incRef(info.dataId);
  const engine = tf.engine() as unknown as {
    makeTensorFromTensorInfo?(info: TensorInfoLike): import('@tensorflow/tfjs').Tensor;
    makeTensorFromDataId(dataId: object, shape: number[], dtype: string): import('@tensorflow/tfjs').Tensor;
  };
  return engine.makeTensorFromTensorInfo ? engine.makeTensorFromTensorInfo(info) : engine.makeTensorFromDataId(info.dataId, info.shape, info.dtype);
}

/** The kernels below hand the engine data they computed, which needs the backend's reference counts. */
function canSupplyKernels(tf: Tf): boolean {
  const backend = tf.findBackend('wasm') as unknown as { incRef?: unknown } | null;
  return typeof tf.registerKernel === 'function' && typeof backend?.incRef === 'function';
}

export function registerWasmConvBackpropFilter(tf: Tf): void {
  if (!canSupplyKernels(tf) || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (raw) => {
      const { inputs, backend, attrs } = raw as unknown as KernelArgs;
      if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports channelsLast only');
      const wrap = (info: TensorInfoLike) => wrapTensor(tf, backend, info) as import('@tensorflow/tfjs').Tensor4D;
      const result = tf.tidy(() => {
        const x = wrap(inputs.x);
        const dy = wrap(inputs.dy);
        const info = tf.backend_util.computeConv2DInfo(
          x.shape,
          attrs.filterShape,
          attrs.strides,
          1,
          attrs.pad,
          attrs.dimRoundingMode,
        );
        const { top, bottom, left, right } = info.padInfo;
        const xPadded = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
        const xAsBatchOfChannels = tf.transpose(xPadded, [3, 1, 2, 0]);
        const dyAsFilter = tf.transpose(dy, [1, 2, 0, 3]);
        const full = tf.conv2d(xAsBatchOfChannels, dyAsFilter, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
        const [kh, kw] = attrs.filterShape;
        const cropped = full.shape[1] === kh && full.shape[2] === kw ? full : tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
        return tf.transpose(cropped, [1, 2, 0, 3]);
      });
      // Hand the data to the engine's output tensor: keep one reference after our wrapper is disposed.
      backend.incRef(result.dataId);
      const out = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
      result.dispose();
      return out;
    },
  });
}

/**
 * The wasm backend (tfjs 4.22) has no UnsortedSegmentSum kernel either: it is the gradient of Gather, so
 * every Embedding layer failed to train on wasm ("Kernel 'UnsortedSegmentSum' not registered").
 * ScatterNd (which wasm has) sums duplicate indices, so
 *   out[s, …] = Σ_{i: ids[i] = s} x[i, …] = scatterNd(ids as [m, 1], x as [m, …], [numSegments, …]),
 * with ids outside [0, numSegments) dropped as TensorFlow does.
 */
export function registerWasmUnsortedSegmentSum(tf: Tf): void {
  if (!canSupplyKernels(tf) || tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: (raw) => {
      const { inputs, backend, attrs } = raw as unknown as {
        inputs: { x: TensorInfoLike; segmentIds: TensorInfoLike };
        backend: { incRef(dataId: object): void };
        attrs: { numSegments: number };
      };
      const wrap = (info: TensorInfoLike) => wrapTensor(tf, backend, info);
      const result = tf.tidy(() => {
        const x = wrap(inputs.x);
        const segmentIds = wrap(inputs.segmentIds);
        const m = segmentIds.size;
        const rest = x.shape.slice(segmentIds.rank);
        const ids = tf.reshape(tf.cast(segmentIds, 'int32'), [m]);
        const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, attrs.numSegments));
        const safeIds = tf.where(valid, ids, tf.zerosLike(ids));
        const rows = tf.reshape(x, [m, -1]);
        const updates = tf.mul(rows, tf.reshape(tf.cast(valid, x.dtype), [m, 1]));
        const summed = tf.scatterND(tf.reshape(safeIds, [m, 1]), updates, [attrs.numSegments, rows.shape[1] as number]);
        return tf.reshape(summed, [attrs.numSegments, ...rest]);
      });
      backend.incRef(result.dataId);
      const out = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
      result.dispose();
      return out;
    },
  });
}

/**
 * The wasm backend's own Conv2DBackpropInput (the input gradient of every conv layer but the first) runs
 * direct loops, not the XNNPACK convolution its forward pass uses: on an 8×14×14×32 → 64, 3×3 layer it
 * took 126 ms against 17 ms for the same result as a forward conv (measured side by side, tfjs 4.22):
 * most of a conv net's profile step. For stride 1 and dilation 1 the input gradient is that conv:
 *   dx = conv2d(pad(dy, k−1−before, k−1−after), W flipped in space with in/out channels swapped, 'valid')
 * Other strides, and channels-first data, keep the backend's kernel.
 */
export function registerWasmConvBackpropInput(tf: Tf): void {
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!canSupplyKernels(tf) || !original || (original as { replacedBy?: string }).replacedBy) return;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  const kernel = {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    replacedBy: 'gradient-lens',
    kernelFunc: (raw: Parameters<typeof original.kernelFunc>[0]) => {
      const { inputs, backend, attrs } = raw as unknown as {
        inputs: { dy: TensorInfoLike; filter: TensorInfoLike };
        backend: { incRef(dataId: object): void };
        attrs: Omit<KernelArgs['attrs'], 'filterShape'> & { inputShape: [number, number, number, number] };
      };
      const unit = (s: number | [number, number]) => (Array.isArray(s) ? s[0] === 1 && s[1] === 1 : s === 1);
      if (!unit(attrs.strides) || attrs.dataFormat === 'NCHW') return original.kernelFunc(raw);
      const wrap = (info: TensorInfoLike) => wrapTensor(tf, backend, info) as import('@tensorflow/tfjs').Tensor4D;
      const result = tf.tidy(() => {
        const dy = wrap(inputs.dy);
        const filter = wrap(inputs.filter);
        const [kh, kw] = filter.shape;
        const { top, bottom, left, right } = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape, 1, 1, attrs.pad, attrs.dimRoundingMode).padInfo;
        const padded = tf.pad(dy, [[0, 0], [kh - 1 - top, kh - 1 - bottom], [kw - 1 - left, kw - 1 - right], [0, 0]]);
        const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as import('@tensorflow/tfjs').Tensor4D;
        return tf.conv2d(padded, flipped, 1, 'valid');
      });
      backend.incRef(result.dataId);
      const out = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
      result.dispose();
      return out;
    },
  };
  tf.registerKernel(kernel as Parameters<typeof tf.registerKernel>[0]);
}
