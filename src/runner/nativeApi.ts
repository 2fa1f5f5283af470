// `tf.node` (decodeImage, encodePng, TensorBoard, …) is not part of TensorFlow.js: @tensorflow/tfjs-node adds it
// when its native addon loads. When the addon does not load here the runner runs the workspace's code on a
// tfjs without it, and the user's `tf.node.decodeImage(…)` fails as "Cannot read properties of undefined
// (reading 'decodeImage')" — true, but it names neither tf.node nor why it is missing (bench/realworld batch 8:
// knn; batch 7: a pose loader). The runtime plan's own reason says why the addon did not load.
import * as fs from 'node:fs';
import type { SourceLocation } from '../core/protocol';

/** "Cannot read properties of undefined (reading 'X')" (Node ≥ 16) and "Cannot read property 'X' of undefined" (older). */
const UNDEFINED_READ = /Cannot read propert(?:ies of undefined \(reading '(\w+)'\)|y '(\w+)' of undefined)/;

/** The addon's problem as the runtime plan states it ("@tensorflow/tfjs-node 2.8.2: its addon is not built (…)"). */
export function addonProblemIn(tfjsReason: string | undefined): string | undefined {
  if (!tfjsReason) return undefined;
  if (/no @tensorflow\/tfjs-node installed/.test(tfjsReason)) return '@tensorflow/tfjs-node is not installed in this workspace';
  const problem = /(@tensorflow\/tfjs-node(?:-gpu)? [\w.-]+: [^;]+)/.exec(tfjsReason)?.[1];
  if (!problem) return undefined;
  // The problem may sit inside the plan's own parenthesis: keep its parentheses balanced.
  const open = (problem.match(/\(/g) ?? []).length;
  const close = (problem.match(/\)/g) ?? []).length;
  return close > open ? problem.replace(/\)+$/, (tail) => tail.slice(close - open)) : problem;
}

/**
 * The sentence that replaces a bare "Cannot read … (reading 'decodeImage')" when the failing line reads
 * `<name>.node.decodeImage`: what tf.node is, why it is missing here, and the two ways on.
 */
export function missingNativeApiHint(message: string, location: SourceLocation | undefined, run: { tfjsVersion?: string; backend?: string; tfjsReason?: string }): string | undefined {
  const match = UNDEFINED_READ.exec(message);
  const member = match?.[1] ?? match?.[2];
  if (!member || !location || run.backend === 'tensorflow') return undefined;
  let line: string | undefined;
  try {
    line = fs.readFileSync(location.file, 'utf8').split('\n')[location.line - 1];
  } catch {
    return undefined;
  }
  const call = line && new RegExp(`\\b(\\w+)\\s*\\.\\s*node\\s*\\.\\s*${member}\\b`).exec(line);
  if (!call) return undefined;
  const problem = addonProblemIn(run.tfjsReason);
  const why = problem ? `tfjs-node's addon did not load here (${problem})` : "tfjs-node's native addon is not loaded here";
  const ran = run.tfjsVersion ? `TensorFlow.js ${run.tfjsVersion} on ${run.backend ?? 'another backend'}` : 'TensorFlow.js without it';
  return `${call[1]}.node.${member} is part of tf.node, which only @tensorflow/tfjs-node's native addon provides: ${why}, so this run used ${ran}, which has no tf.node. Make the addon load (npm rebuild @tensorflow/tfjs-node: its install script builds the addon, and it does not run under --ignore-scripts) and profile with --backend tensorflow, or replace ${call[1]}.node.${member} with code that does not need the addon.`;
}
