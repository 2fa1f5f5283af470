// What the analyzer reads from a model file: constant values (Val), the layers each call creates, the
// order they are stacked in, optimizers and compile() calls. The rules read only these facts.
import type { Node, ObjectExpression, CallExpression, ObjectProperty } from '@babel/types';

export type Val =
  | { kind: 'str'; value: string; node: Node }
  | { kind: 'num'; value: number; node: Node }
  | { kind: 'bool'; value: boolean; node: Node }
  | { kind: 'nullish'; node: Node }
  | { kind: 'obj'; props: Map<string, { val: Val; prop: ObjectProperty | undefined }>; open: boolean; node: Node }
  | { kind: 'arr'; items: Val[]; open: boolean; node: Node }
  /** A member of the tfjs namespace: [] is the module itself, ['layers', 'dense'] the factory. */
  | { kind: 'tf'; path: string[] }
  | { kind: 'layer'; site: LayerSite }
  | { kind: 'init'; name: string; config: Val; node: Node }
  | { kind: 'opt'; site: OptimizerSite }
  /** A symbolic tensor: the output of a layer's apply(), or a tf.input(). */
  | { kind: 'tensor'; producer: LayerSite | undefined }
  | { kind: 'model'; model: ModelSite }
  | { kind: 'unknown' };

export const UNKNOWN: Val = { kind: 'unknown' };

export interface LayerSite {
  /** Factory name as written after tf.layers., e.g. 'dense', 'batchNormalization'. */
  className: string;
  call: CallExpression;
  config: Val;
  /** The config when it is an object literal written in this call (fixes only edit those). */
  inlineConfig: ObjectExpression | undefined;
  /** Functional API: the layer whose output this layer was applied to (undefined: an input or unknown). */
  input: { producer: LayerSite | undefined; known: boolean } | undefined;
  repeat: Repeat;
  conditional: boolean;
  /** Its output is one of several inputs of another layer (concatenate, add, …): it is not the model's output. */
  feedsMerge: boolean;
}

export interface OptimizerSite {
  name: string;
  call: CallExpression;
  learningRate: Val | undefined;
  learningRateNode: Node | undefined;
}

/** How many times a statement runs: a known count, or 'unknown' (≥ 1 is all that is assumed). */
export type Repeat = number | 'unknown';

export type ChainEntry =
  | { kind: 'layer'; site: LayerSite; repeat: Repeat; conditional: boolean; expr: Node; swappable: boolean }
  | { kind: 'unknown' };

export interface ModelSite {
  kind: 'sequential' | 'functional';
  node: Node;
  entries: ChainEntry[];
  outputs: Val | undefined;
  /** The function whose body created the model (undefined: top level). */
  owner: Node | undefined;
}

export interface CompileSite {
  call: CallExpression;
  model: ModelSite | undefined;
  optimizer: Val;
  optimizerNode: Node | undefined;
  loss: Val;
  lossNode: Node | undefined;
}

export interface ModelFacts {
  usesTfjs: boolean;
  layers: LayerSite[];
  optimizers: OptimizerSite[];
  models: ModelSite[];
  compiles: CompileSite[];
}

/** A property of a layer's config: its value and, when written in the inline config, the property node. */
export function configProp(site: LayerSite, key: string): { val: Val; prop: ObjectProperty | undefined } | 'absent' | undefined {
  const config = site.config;
  if (config.kind === 'nullish') return 'absent';
  if (config.kind !== 'obj') return undefined;
  const p = config.props.get(key);
  if (p) {
    const inline = p.prop && site.inlineConfig?.properties.includes(p.prop) ? p.prop : undefined;
    return { val: p.val, prop: inline };
  }
  return config.open ? undefined : 'absent';
}
