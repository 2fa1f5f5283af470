// Keeps one runner warm: a process that has already started Node, loaded TensorFlow.js and initialised
// the backend, so that re-profiling after an edit skips that fixed cost. Each profile still loads the
// user's module fresh, in a process of its own (nothing leaks between profiles); the next warm runner
// is prepared once the current profile has finished, so the two never compete for the CPU.
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { encodeMessage, type BackendChoice, type ProfileRequest, type RunnerMessage } from '../core/protocol';
import { disposeRunner, spawnRunner, startProfile, type ClientOptions, type ProfileRun } from './client';

const TFJS_PACKAGES = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];

/** Two files share a warm runner when TensorFlow.js would resolve to the same packages for both. */
export function tfjsResolutionKey(file: string, backend: BackendChoice): string {
  const require = createRequire(file);
  const resolved = TFJS_PACKAGES.map((pkg) => {
    try {
      return require.resolve(pkg);
    } catch {
      return null;
    }
  });
  return JSON.stringify([backend, resolved]);
}

export class RunnerPool {
  private spare?: { key: string; child: ChildProcess };
  private disposed = false;

  constructor(private readonly options: ClientOptions & { extensionRoot?: string }) {}

  profile(request: ProfileRequest, onMessage?: (message: RunnerMessage) => void): ProfileRun {
    const key = tfjsResolutionKey(request.file, request.backend);
    const spare = this.spare;
    this.spare = undefined;
    let warm: ChildProcess | undefined;
    if (spare && spare.key === key) warm = spare.child;
    else if (spare) disposeRunner(spare.child);
    const run = startProfile({ ...request, extensionRoot: request.extensionRoot ?? this.options.extensionRoot }, this.options, onMessage, warm);
    void run.result.then(() => this.prepare(request.file, request.backend, key));
    return run;
  }

  /** Starts a warm runner for files that resolve tfjs like anchorFile does. */
  prepare(anchorFile: string, backend: BackendChoice, key = tfjsResolutionKey(anchorFile, backend)): void {
    if (this.disposed || this.spare?.key === key) return;
    if (this.spare) disposeRunner(this.spare.child);
    const child = spawnRunner(this.options);
    child.send(encodeMessage({ type: 'prepare', anchorFile, backend, extensionRoot: this.options.extensionRoot }));
    child.once('exit', () => {
      if (this.spare?.child === child) this.spare = undefined;
    });
    this.spare = { key, child };
  }

  get warmPid(): number | undefined {
    return this.spare?.child.pid;
  }

  dispose(): void {
    this.disposed = true;
    if (this.spare) disposeRunner(this.spare.child);
    this.spare = undefined;
  }
}
