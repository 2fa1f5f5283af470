// Reads the gradientLens.* settings into what a profile request and the views need.
import * as vscode from 'vscode';
import { BACKENDS, type BackendChoice, type Thresholds } from '../core/protocol';
import { DEFAULT_THRESHOLDS } from '../core/health';
import type { DecorationStyle } from '../core/presentation';

export interface Settings {
  steps: number;
  batchSize?: number;
  backend: BackendChoice;
  timeoutMs: number;
  memoryLimitMb: number;
  thresholds: Thresholds;
  decorationsEnabled: boolean;
  decorationStyle: DecorationStyle;
  /** undefined: the extension host's own runtime. */
  nodePath?: string;
  /** Keep one runner with TensorFlow.js loaded for the next profile. */
  keepRunnerWarm: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('gradientLens', scope);
  const int = (key: string, fallback: number, min: number) => {
    const value = c.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.round(value)) : fallback;
  };
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const value = c.get<number>(`thresholds.${key}`);
    if (typeof value === 'number' && Number.isFinite(value)) thresholds[key] = value;
  }
  const backend = c.get<string>('backend') as BackendChoice;
  const batch = c.get<number | null>('batchSize');
  const nodePath = c.get<string>('nodePath')?.trim();
  return {
    steps: int('steps', 20, 0),
    batchSize: typeof batch === 'number' && batch >= 1 ? Math.round(batch) : undefined,
    backend: BACKENDS.includes(backend) ? backend : 'auto',
    timeoutMs: int('timeoutSeconds', 120, 1) * 1000,
    memoryLimitMb: int('memoryLimitMb', 4096, 64),
    thresholds,
    decorationsEnabled: c.get<boolean>('decorations.enabled') ?? true,
    decorationStyle: c.get<string>('decorations.style') === 'detailed' ? 'detailed' : 'compact',
    nodePath: nodePath ? nodePath : undefined,
    keepRunnerWarm: c.get<boolean>('keepRunnerWarm') ?? true,
  };
}
