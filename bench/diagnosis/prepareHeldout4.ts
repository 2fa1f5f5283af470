// The data of the fourth held-out set (`@set heldout4`) that its programs read from files, rebuilt in ~/.cache (never
// committed) from the `fetch` mirror at a pinned commit:
//  - bdr-50079585: the car-damage images (data3a: minor / moderate / severe) that BenchDL4Real commits beside the
//    Stack Overflow program (github.com/dlfaults/HowRealAreThey, BenchDL4Real/DeepLocalize/50079585/…/dataset). The
//    first 48 images of each class (flow_from_directory's sorted order) for training and 24 for validation, decoded and
//    resized to 64×64 with nearest-neighbour sampling (keras' load_img default) by TensorFlow in the Python oracle's
//    virtualenv; pixels stay 0–255 (the program rescales by 1/255 itself). Skipped visibly without that Python.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Table } from './cases/data';

export const HOW_REAL = { repo: 'dlfaults/HowRealAreThey', commit: '358a4a15e304d449e732c754d0d504d806c7f54f' };
const DATASET = 'BenchDL4Real/DeepLocalize/50079585/BuggyCode/dataset/data3a';
const CLASSES = ['01-minor', '02-moderate', '03-severe'];
const PER_CLASS = { training: 48, validation: 24 };
export const IMAGE_SIZE = 64;

const DECODE = String.raw`
import json, sys
import tensorflow as tf
size = int(sys.argv[1])
rows = []
for line in sys.stdin:
    label, file = line.rstrip("\n").split("\t")
    image = tf.io.decode_jpeg(tf.io.read_file(file), channels=3)
    image = tf.image.resize(image, (size, size), method="nearest")
    rows.append([int(label)] + [int(v) for v in tf.reshape(image, [-1]).numpy()])
json.dump(rows, sys.stdout)
`;

function gitDir(repo: string): string | undefined {
  const base = path.join('/work/.mirror', repo.replace('/', '+'), 'repo');
  return [base, path.join(base, '.git')].find((dir) => fs.existsSync(path.join(dir, 'HEAD')));
}

function python(): string {
  const venv = path.join(os.homedir(), '.cache', 'gradient-lens-venv', 'bin', 'python');
  return process.env.GRADIENT_LENS_PYTHON ?? venv;
}

export function prepareHeldout4(write: (name: string, table: Table) => void): void {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdr-50079585-'));
  try {
    const dir = gitDir(HOW_REAL.repo);
    if (!dir) throw new Error(`no mirror of ${HOW_REAL.repo} under /work/.mirror (bring it with the fetch tool)`);
    for (const [split, count] of Object.entries(PER_CLASS)) {
      const list: string[] = [];
      for (const [label, name] of CLASSES.entries()) {
        const files = execFileSync('git', ['--git-dir', dir, 'ls-tree', '--name-only', HOW_REAL.commit, `${DATASET}/${split}/${name}/`], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .sort()
          .slice(0, count);
        for (const file of files) {
          const out = path.join(tmpDir, `${split}-${name}-${path.basename(file)}`);
          fs.writeFileSync(out, execFileSync('git', ['--git-dir', dir, 'show', `${HOW_REAL.commit}:${file}`], { maxBuffer: 64 << 20 }));
          list.push(`${label}\t${out}`);
        }
      }
      const json = execFileSync(python(), ['-c', DECODE, String(IMAGE_SIZE)], { input: list.join('\n') + '\n', encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['pipe', 'pipe', 'ignore'] });
      write(`bdr-50079585-${split}`, {
        columns: ['label', ...Array.from({ length: IMAGE_SIZE * IMAGE_SIZE * 3 }, (_, i) => `p${i}`)],
        rows: JSON.parse(json) as number[][],
        source: `${HOW_REAL.repo}@${HOW_REAL.commit.slice(0, 7)}:${DATASET}/${split} (first ${count} of each class, ${IMAGE_SIZE}×${IMAGE_SIZE}, nearest)`,
      });
    }
  } catch (error) {
    console.log(`  BenchDL4Real 50079585 images: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
