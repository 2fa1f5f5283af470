// A core-API training script — `const w = tf.variable(…)`, a loss closure and `optimizer.minimize(() => loss)` in
// a loop (tfjs-examples' polynomial-regression, bench/realworld batch 10: tfjs_basic, regression_tensorflow) —
// trains no tf.LayersModel. Its first update from user code (customLoop.ts) names the variables it trains; the
// line that created each variable is recorded here when tf.variable runs, as layers' lines are (callSites.ts).
import * as path from 'node:path';
import type { SourceLocation } from '../core/protocol';
import { mapToSource, userFrame } from './callSites';
import type { Tf } from './tfjsResolve';

/** A tf.Variable as TensorFlow.js registers it (a tensor itself): what the loop updates, by name. */
export interface TrainedVariable {
  name: string;
  shape: number[];
  trainable: boolean;
}

/** The first update of bare variables (no layers model owns them) from the user's code. */
export interface VariableLoop {
  /** The user's minimize/applyGradients line. */
  site: SourceLocation;
  /** 'minimize' when the update came through optimizer.minimize (its loss closure is then `loss`). */
  method: 'minimize' | 'applyGradients';
  /** The variables the update changes, in the order of the gradients. */
  variables: TrainedVariable[];
  /** The optimizer whose update it was (the user's own, with its learning rate and state). */
  optimizer: object;
  /** minimize's loss closure and variable list, exactly as the user passed them. */
  loss?: () => unknown;
  varList?: unknown[];
}

/** Generated positions (mapped through source maps only when read): cheap enough for every variable made. */
const creationFrames = new WeakMap<object, SourceLocation>();

/** The user's line that created this variable (tf.variable, or a layer's weight on the layer's line). */
export function variableSiteOf(variable: object): SourceLocation | undefined {
  const frame = creationFrames.get(variable);
  return frame && mapToSource(frame.file, frame.line, frame.column);
}

interface Engine {
  makeVariable(...args: unknown[]): object;
  registeredVariables: Record<string, TrainedVariable>;
}

function engineOf(tf: Tf): Engine | undefined {
  try {
    return (tf as unknown as { engine?: () => Engine }).engine?.();
  } catch {
    return undefined;
  }
}

let installed = false;

/**
 * tf.variable() and every layer weight go through the engine's makeVariable: patched on the engine instance, it
 * sees each variable with the user's line on the stack. tfjs before 1.0 has no tf.engine(): no lines there.
 */
export function installVariableCreationCapture(tf: Tf): void {
  const engine = engineOf(tf);
  if (installed || !engine || typeof engine.makeVariable !== 'function') return;
  installed = true;
  const original = engine.makeVariable;
  engine.makeVariable = function (this: unknown, ...args: unknown[]) {
    const variable = original.apply(this, args);
    const frame = userFrame();
    if (frame && variable && typeof variable === 'object') creationFrames.set(variable, frame);
    return variable;
  };
}

/** The registered variables of these names (the keys of an update's gradients). */
export function variablesNamed(tf: Tf, names: string[]): TrainedVariable[] {
  const registered = engineOf(tf)?.registeredVariables ?? {};
  return names.flatMap((name) => (registered[name] ? [registered[name]] : []));
}

const at = (site: SourceLocation) => `${path.basename(site.file)}:${site.line}`;

/**
 * Why a core-API loop is not measured: what was found, on which line, and the next step. `why` says what the
 * work in hand needs that the loop does not give it.
 */
export function variableLoopMessage(loop: VariableLoop, why: string): string {
  const count = loop.variables.length;
  const first = loop.variables.map(variableSiteOf).find((s) => s !== undefined);
  const made = first ? `, the first created at ${at(first)}` : '';
  const call = loop.method === 'minimize' ? 'optimizer.minimize()' : 'optimizer.applyGradients()';
  return (
    `No model found: the script trains ${count} tf.variable${count === 1 ? '' : 's'} with its own loop (${call} at ${at(loop.site)}${made}), not a tf.LayersModel. ${why} ` +
    `Next step: build the same computation from layers (e.g. tf.layers.dense({ units: 1, inputShape: [1] }) is y = w·x + b), compile() it with the loss and optimizer the loop uses, and call fit() or export the model.`
  );
}

/** Why, for the work that needs a model (the LR range test, the gradient check); a profile measures the loop (variableProfile.ts). */
export const LAYERS_ONLY =
  "The LR range test and the gradient check work on layers models (the script was stopped at that first update); a profile (gradient-lens profile FILE) measures this loop's variables from its loss closure.";
