// Writes a run file (core/runFile.ts, docs/run-files.md) line by line as the runner's events arrive. Each
// line is appended with one synchronous write (a few per second at most: steps arrive batched), so the
// file holds everything up to the last event even if the host itself is killed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunnerMessage } from '../core/protocol';
import { encodeRunLine, RUN_SCHEMA, type RunEnd, type RunLine } from '../core/runFile';

export class RunFileWriter {
  private fd: number | undefined;
  private runtime: { backend?: string; tfjs?: string } = {};
  private steps = 0;
  private readonly started = Date.now();
  private closed = false;

  constructor(
    readonly filePath: string,
    private readonly meta: { mode: 'watch' | 'profile'; file: string; every?: number },
  ) {}

  /** True once the header is written (the model was found; before that there is nothing to keep). */
  get opened(): boolean {
    return this.fd !== undefined;
  }

  write(message: RunnerMessage): void {
    if (this.closed) return;
    switch (message.type) {
      case 'hello':
        this.runtime = { backend: message.backend, tfjs: message.tfjsVersion };
        return;
      case 'model':
        this.open(message);
        return;
      case 'watchSteps':
        for (const step of message.steps) this.append({ kind: 'step', ...step });
        this.steps += message.steps.length;
        return;
      case 'step':
        // A profile's step, in the watch's shape.
        this.append({ kind: 'step', step: message.step, epoch: 0, loss: message.loss, layers: message.layers.map((l) => ({ name: l.name, gradNorm: l.gradNorm, ...(l.deadShare !== undefined ? { deadShare: l.deadShare } : {}) })) });
        this.steps++;
        return;
      case 'watchSample': {
        const { type: _type, ...sample } = message;
        this.append({ kind: 'sample', ...sample });
        return;
      }
      case 'watchEpoch': {
        const { type: _type, ...epoch } = message;
        this.append({ kind: 'epoch', ...epoch });
        return;
      }
      case 'watchValidation': {
        const { type: _type, ...reading } = message;
        this.append({ kind: 'validation', ...reading });
        return;
      }
      case 'finding':
        this.append({ kind: 'finding', finding: message.finding });
        return;
      case 'done':
        this.close({ kind: 'end', status: 'done', steps: this.steps, durationMs: message.durationMs });
        return;
      case 'error': {
        const status = message.kind === 'cancelled' ? 'cancelled' : message.kind === 'timeout' ? 'timeout' : 'error';
        this.close({ kind: 'end', status, steps: this.steps, durationMs: Date.now() - this.started, error: { kind: message.kind, message: message.message } });
        return;
      }
      default:
        return;
    }
  }

  private open(model: Extract<RunnerMessage, { type: 'model' }>): void {
    if (this.fd !== undefined) return;
    let sha = '';
    try {
      sha = createHash('sha256').update(fs.readFileSync(this.meta.file)).digest('hex');
    } catch {
      // The model file vanished since the run started: the run is still worth keeping.
    }
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
    this.fd = fs.openSync(this.filePath, 'w');
    this.append({
      kind: 'header',
      schema: RUN_SCHEMA,
      mode: this.meta.mode,
      file: this.meta.file,
      fileSha256: sha,
      startedAt: new Date(this.started).toISOString(),
      ...this.runtime,
      modelName: model.modelName,
      loss: model.loss,
      optimizer: model.optimizer,
      batchSize: model.batchSize,
      ...(this.meta.every !== undefined ? { every: this.meta.every } : {}),
      layers: model.layers,
    });
  }

  private append(line: RunLine): void {
    if (this.fd !== undefined) fs.writeSync(this.fd, encodeRunLine(line));
  }

  /** Ends the file with its end line (once); a run that never found its model leaves no file. */
  close(end?: RunEnd): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd === undefined) return;
    if (end) this.append(end);
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
