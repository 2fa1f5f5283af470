// Training data that is text: a string tensor given to fit(), fitDataset() or trainOnBatch().
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs';
import { DiscoveryError, type Capture } from './discovery';
import { tensorSiteOf } from './tensorSites';

/**
 * fit() trains on numbers; a string tensor fails deep inside tfjs ("Argument 'x' passed to 'gather' must be
 * numeric tensor") with no word of the data. Values read from a CSV are strings, and early TensorFlow.js (0.11)
 * turned tf.tensor() of numeric strings into float32 silently, while 1.x and later keep a string tensor — a
 * 0.x script that trained on its CSV as written fails on every later version. Named at the line that made the
 * tensor (the fix goes there), else at the training call.
 */
export function rejectStrings(capture: Capture, tensors: Tensor[], what: 'x' | 'y' | 'xs' | 'ys'): void {
  const bad = tensors.findIndex((t) => t.dtype === 'string');
  if (bad < 0) return;
  const made = tensorSiteOf(tensors[bad]);
  const where = made ?? capture.site;
  const at = where ? ` (${made ? 'made' : `given to ${capture.method}()`} at ${path.basename(where.file)}:${where.line})` : '';
  throw new DiscoveryError(
    'bad-data',
    `The ${what} given to ${capture.method}() ${tensors.length > 1 ? `(input ${bad}) ` : ''}is a string tensor${at}: training needs numbers. ` +
      'Values read from a CSV or text file are strings: convert them with Number() or parseFloat() before tf.tensor(). ' +
      '(TensorFlow.js 0.11 turned numeric strings into numbers silently; 1.x and later keep them as strings.)',
    undefined,
    where,
  );
}
