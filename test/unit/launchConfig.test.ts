// F5 (.vscode/launch.json, tasks.json) cannot be pressed here (no desktop VS Code), so what F5 relies on is
// checked against the files that produce it: the JSONC parses (with jsonc-parser, as VS Code reads it);
// every preLaunchTask and dependsOn names a task and every npm task a script; outFiles cover every Node
// bundle esbuild.mjs writes (js-debug binds breakpoints only in files they match); the bundles carry source
// maps that take a position in dist/extension.js back to its line in src/extension/extension.ts; the
// development path holds the manifest whose `main` is one of those bundles; every path a configuration
// opens exists. test/e2e/launchConfig.ts starts code-server as "Run the extension" would start VS Code.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceMap } from 'node:module';
import * as esbuild from 'esbuild';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { minimatch } from 'minimatch';

const root = path.resolve(__dirname, '../..');

interface LaunchConfig { name: string; type: string; request: string; args?: string[]; program?: string; cwd?: string; outFiles?: string[]; preLaunchTask?: string; sourceMaps?: boolean }
interface Task { label: string; type: string; script?: string; dependsOn?: string | string[] }

function readJsonc<T>(file: string): T {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(path.join(root, file), 'utf8'), errors, { allowTrailingComma: true, disallowComments: false }) as T;
  assert.deepEqual(errors.map((e) => `${printParseErrorCode(e.error)} at offset ${e.offset}`), [], `${file} parses`);
  return value;
}

const launch = readJsonc<{ configurations: LaunchConfig[] }>('.vscode/launch.json');
const tasks = readJsonc<{ tasks: Task[] }>('.vscode/tasks.json').tasks;
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const expand = (value: string) => value.replaceAll('${workspaceFolder}', root);
const config = (name: string) => {
  const found = launch.configurations.find((c) => c.name === name);
  assert.ok(found, `launch.json has "${name}"`);
  return found;
};
/** The value of `--name=value` among an extensionHost configuration's args. */
const argValue = (c: LaunchConfig, name: string) => c.args?.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function esbuildConfigs(): Promise<esbuild.BuildOptions[]> {
  const { builds } = (await import(path.join(root, 'esbuild.mjs'))) as { builds: esbuild.BuildOptions[] };
  return builds;
}

test('every preLaunchTask and dependsOn names a task, and every npm task a package.json script', () => {
  const labels = new Set(tasks.map((t) => t.label));
  for (const c of launch.configurations) if (c.preLaunchTask) assert.ok(labels.has(c.preLaunchTask), `${c.name}: preLaunchTask "${c.preLaunchTask}"`);
  for (const t of tasks) {
    for (const dep of [t.dependsOn ?? []].flat()) assert.ok(labels.has(dep), `${t.label}: dependsOn "${dep}"`);
    if (t.type === 'npm') assert.ok(t.script && scripts[t.script], `${t.label}: npm script "${t.script}"`);
  }
  assert.equal(tasks.find((t) => t.label === config('Run the extension').preLaunchTask)?.script, 'build', 'F5 builds with esbuild.mjs first');
});

test('outFiles cover every Node bundle esbuild.mjs writes, and those bundles have source maps', async () => {
  const builds = (await esbuildConfigs()).filter((b) => b.platform === 'node');
  assert.ok(builds.length >= 4, 'extension, analyzer, runner, CLI');
  const outFiles = (config('Run the extension').outFiles ?? []).map(expand);
  for (const b of builds) {
    const outfile = path.join(root, b.outfile!);
    assert.ok(outFiles.some((glob) => minimatch(outfile, glob)), `${b.outfile} is matched by outFiles ${outFiles.join(', ')}`);
    assert.ok(b.sourcemap === true || b.sourcemap === 'linked' || b.sourcemap === 'inline', `${b.outfile} has a source map`);
  }
  for (const c of launch.configurations) assert.notEqual(c.sourceMaps, false, `${c.name} keeps source maps on`);
  const cli = config('Run the CLI on the MNIST example');
  assert.ok(builds.some((b) => path.join(root, b.outfile!) === expand(cli.program!)), `the CLI configuration runs a bundle esbuild.mjs writes (${cli.program})`);
});

test("a breakpoint on activate() in src/extension/extension.ts maps to dist/extension.js and back", async () => {
  const options = (await esbuildConfigs()).find((b) => b.outfile === 'dist/extension.js');
  assert.ok(options, 'esbuild.mjs builds dist/extension.js');
  // The same options, written to memory: the map esbuild writes next to the bundle.
  const built = await esbuild.build({ ...options, absWorkingDir: root, write: false, logLevel: 'silent' });
  const js = built.outputFiles.find((f) => f.path.endsWith('extension.js'))!.text;
  const map = built.outputFiles.find((f) => f.path.endsWith('extension.js.map'));
  assert.ok(map, 'a .map file beside the bundle');
  assert.match(js, /\/\/# sourceMappingURL=extension\.js\.map\s*$/);
  const source = fs.readFileSync(path.join(root, 'src/extension/extension.ts'), 'utf8').split('\n');
  const sourceLine = source.findIndex((l) => /export function activate\(/.test(l));
  assert.ok(sourceLine >= 0, 'src/extension/extension.ts defines activate()');
  const generated = js.split('\n');
  const line = generated.findIndex((l) => /^function activate\(/.test(l));
  assert.ok(line >= 0, 'the bundle has activate()');
  const entry = new SourceMap(JSON.parse(map.text)).findEntry(line, 0) as { originalSource?: string; originalLine?: number };
  assert.equal(path.resolve(path.join(root, 'dist'), entry.originalSource ?? ''), path.join(root, 'src/extension/extension.ts'));
  assert.equal(entry.originalLine, sourceLine, 'the same line');
});

test('"Run the extension" develops this folder: its manifest main is a bundle, and the folder it opens exists', async () => {
  const run = config('Run the extension');
  assert.equal(run.type, 'extensionHost');
  const devPath = expand(argValue(run, 'extensionDevelopmentPath') ?? '');
  assert.equal(devPath, root);
  const outfiles = (await esbuildConfigs()).map((b) => b.outfile);
  assert.ok(outfiles.includes(path.normalize(manifest.main)), `package.json main (${manifest.main}) is built by esbuild.mjs`);
  const folders = (run.args ?? []).filter((a) => !a.startsWith('--')).map(expand);
  assert.equal(folders.length, 1, 'opens one folder');
  assert.ok(fs.statSync(folders[0]).isDirectory(), `${folders[0]} exists`);
  assert.ok(fs.readdirSync(folders[0], { recursive: true }).some((f) => /model\.(js|ts)$/.test(String(f))), 'with a model file to profile');
});

test('"Run the integration suite" loads the suite test/integration/build.mjs writes, in a fixture that exists', () => {
  const suite = config('Run the integration suite');
  const testsPath = expand(argValue(suite, 'extensionTestsPath') ?? '');
  assert.equal(testsPath, path.join(root, 'out/test/integration/suite/index'));
  assert.ok(fs.existsSync(path.join(root, 'test/integration/suite/index.ts')), 'index.ts is bundled to out/test/integration/suite/index.js');
  assert.match(fs.readFileSync(path.join(root, 'test/integration/build.mjs'), 'utf8'), /out\/test\/integration\/suite/);
  assert.equal(tasks.find((t) => t.label === suite.preLaunchTask)?.script, 'build:tests');
  assert.ok(suite.outFiles?.map(expand).some((glob) => minimatch(`${testsPath}.js`, glob)), 'outFiles cover the suite bundle');
  const folder = (suite.args ?? []).filter((a) => !a.startsWith('--')).map(expand)[0];
  assert.ok(folder && fs.statSync(folder).isDirectory(), `${folder} exists`);
});
