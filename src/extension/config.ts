// Reads the gradientLens.* settings into what a profile request and the views need.
import * as path from 'path';
import * as vscode from 'vscode';
import { BACKENDS, LR_MODES, type BackendChoice, type LrMode, type Thresholds } from '../core/protocol';
import type { ClientOptions } from '../host/client';
import type { ArgumentsStore } from './argumentsStore';
import { DEFAULT_THRESHOLDS, LR_DEFAULTS, PROFILE_DEFAULTS, RUN_DEFAULTS, VIEW_DEFAULTS, WATCH_DEFAULTS } from '../core/defaults';
import { splitScriptArgs } from '../core/scriptArgs';
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
  /** gradientLens.env: variables for the model file beyond the runner's allow-list. */
  env: Record<string, string>;
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
    steps: int('steps', PROFILE_DEFAULTS.steps, 0),
    batchSize: typeof batch === 'number' && batch >= 1 ? Math.round(batch) : undefined,
    backend: BACKENDS.includes(backend) ? backend : RUN_DEFAULTS.backend,
    timeoutMs: int('timeoutSeconds', PROFILE_DEFAULTS.timeoutSeconds, 1) * 1000,
    memoryLimitMb: int('memoryLimitMb', RUN_DEFAULTS.memoryLimitMb, 64),
    thresholds,
    decorationsEnabled: c.get<boolean>('decorations.enabled') ?? VIEW_DEFAULTS.decorationsEnabled,
    decorationStyle: c.get<string>('decorations.style') === 'detailed' ? 'detailed' : VIEW_DEFAULTS.decorationStyle,
    nodePath: nodePath ? nodePath : undefined,
    keepRunnerWarm: c.get<boolean>('keepRunnerWarm') ?? VIEW_DEFAULTS.keepRunnerWarm,
    env: Object.fromEntries(Object.entries(c.get<Record<string, unknown>>('env') ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/** gradientLens.lr.*: the learning-rate range test. */
export interface LrSettings {
  startLr: number;
  endLr: number;
  steps: number;
  mode: LrMode;
  repeats: number;
  /** The sweep's own limit: it runs ~15× the batches of a profile. */
  timeoutMs: number;
  /** undefined: follow the script's training length (core/lrRecommend checkStepsFor). */
  checkSteps: number | undefined;
}

export function readLrSettings(scope?: vscode.Uri): LrSettings {
  const c = vscode.workspace.getConfiguration('gradientLens.lr', scope);
  const positive = (key: string, fallback: number) => {
    const value = c.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const int = (key: string, fallback: number, min: number, max: number) => {
    const value = c.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  };
  const mode = c.get<string>('mode') as LrMode;
  return {
    startLr: positive('startLr', LR_DEFAULTS.startLr),
    endLr: positive('endLr', LR_DEFAULTS.endLr),
    steps: int('steps', LR_DEFAULTS.steps, 2, 10_000),
    mode: LR_MODES.includes(mode) ? mode : LR_DEFAULTS.mode,
    repeats: int('repeats', LR_DEFAULTS.repeats, 1, 50),
    timeoutMs: int('timeoutSeconds', LR_DEFAULTS.timeoutSeconds, 1, Number.MAX_SAFE_INTEGER) * 1000,
    checkSteps: c.get<number | null>('checkSteps') == null ? undefined : int('checkSteps', 0, 0, 10_000),
  };
}

/** gradientLens.watch.*: Watch training. */
export interface WatchSettings {
  /** Histograms and weight statistics every `every` steps (‖g‖ is recorded at every step). */
  every: number;
  /** A training run's own limit (Stop ends it any time). */
  timeoutMs: number;
}

export function readWatchSettings(scope?: vscode.Uri): WatchSettings {
  const c = vscode.workspace.getConfiguration('gradientLens.watch', scope);
  const int = (key: string, fallback: number) => {
    const value = c.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.round(value) : fallback;
  };
  return { every: Math.min(int('every', WATCH_DEFAULTS.every), 1_000_000), timeoutMs: int('timeoutSeconds', WATCH_DEFAULTS.timeoutSeconds) * 1000 };
}

/** How runner processes start (profiling and the LR finder alike). */
export function runnerClientOptions(settings: Settings, extensionPath: string): ClientOptions {
  return {
    runnerPath: path.join(extensionPath, 'dist', 'runner.js'),
    nodePath: settings.nodePath,
    timeoutMs: settings.timeoutMs,
    memoryLimitMb: settings.memoryLimitMb,
    env: settings.env,
  };
}

/** Which model a runner loads and how (the request fields profiling and the LR finder share). */
export function runTarget(uri: vscode.Uri, settings: Settings, args: ArgumentsStore, extensionPath: string) {
  const file = path.resolve(uri.fsPath);
  const remembered = args.get(file);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return {
    file,
    exportName: remembered.exportName,
    args: remembered.args,
    scriptArgs: splitScriptArgs(remembered.scriptArgs),
    batchSize: settings.batchSize,
    backend: settings.backend,
    extensionRoot: extensionPath,
    cwd: folder?.uri.fsPath ?? path.dirname(file),
  };
}
