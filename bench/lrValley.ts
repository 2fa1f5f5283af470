// Where the suggestions land against Lightning's over many seeds, not one: for each group of 3 seeds, the
// peer test's comparison (test/runner/lrLightning.test.ts: same MNIST MLP, digits and sweep, 3 repeats)
// — our steep and valley in decades from Lightning's steepest descent per decade, and fastai's valley
// (our rule) on Lightning's own median curve — then the mean ± standard error over the groups and how many
// groups fall within one decade. It separates the rule (valley vs steepest descent) from the curves.
//   node --import tsx bench/lrValley.ts [--groups 12] [--first-seed 100]
import { parseArgs } from 'node:util';
import { parseWithNonFinite } from '../src/core/protocol';
import { cli } from '../test/runner/helpers';
import { exportDigits, lightningMedianCurve, lightningSkipReason, lrCliArgs, MNIST_MLP, ourRulesOn, runLightning, type Sweep } from '../test/runner/lightningPeer';

const { values } = parseArgs({ options: { groups: { type: 'string', default: '12' }, 'first-seed': { type: 'string', default: '100' } } });
const groups = Number(values.groups);
const firstSeed = Number(values['first-seed']);

interface Report {
  suggestions: Record<'steep' | 'valley', { lr: number }>;
}

const decades = (lr: number, reference: number) => Math.log10(lr / reference);

function summary(name: string, xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  const within = xs.filter((x) => Math.abs(x) <= 1).length;
  return `${name.padEnd(34)} ${mean.toFixed(2)} ± ${(sd / Math.sqrt(xs.length)).toFixed(2)} decades (sd ${sd.toFixed(2)}), within one decade in ${within}/${xs.length}`;
}

async function main(): Promise<void> {
  const skip = lightningSkipReason();
  if (skip) throw new Error(skip);
  const dir = exportDigits();
  const columns: Record<'steep' | 'valley' | 'theirSteep' | 'theirValley' | 'steepVs26' | 'valleyVs26', number[]> = { steep: [], valley: [], theirSteep: [], theirValley: [], steepVs26: [], valleyVs26: [] };
  console.log('seeds     Lightning  | ours: steep  valley | our rules on Lightning\'s curve: steep  valley | Lightning 2.6 suggestion(): value, our steep, our valley');
  for (let g = 0; g < groups; g++) {
    const sweep: Sweep = { start: 1e-7, end: 10, steps: 100, batch: 64, repeats: 3, seed: firstSeed + 3 * g };
    const [lightning, ran] = await Promise.all([runLightning(dir, sweep, 600_000, 1), cli(lrCliArgs(MNIST_MLP, sweep, 'wasm'))]);
    if (ran.code !== 0) throw new Error(`gradient-lens lr failed: ${ran.stderr}`);
    const ours = parseWithNonFinite(ran.stdout) as Report;
    const reference = lightning.suggestionPerDecade!;
    const onTheirs = ourRulesOn(lightningMedianCurve(lightning));
    const row = {
      steep: decades(ours.suggestions.steep.lr, reference),
      valley: decades(ours.suggestions.valley.lr, reference),
      theirSteep: decades(onTheirs.steep!, reference),
      theirValley: decades(onTheirs.valley!, reference),
      steepVs26: decades(ours.suggestions.steep.lr, lightning.suggestion!),
      valleyVs26: decades(ours.suggestions.valley.lr, lightning.suggestion!),
    };
    for (const key of Object.keys(row) as (keyof typeof row)[]) columns[key].push(row[key]);
    const seeds = `${sweep.seed}–${sweep.seed + 2}`.padEnd(9);
    console.log(`${seeds} ${reference.toExponential(1).padEnd(10)} | ${row.steep.toFixed(2).padStart(11)} ${row.valley.toFixed(2).padStart(7)} | ${row.theirSteep.toFixed(2).padStart(38)} ${row.theirValley.toFixed(2).padStart(7)} | ${lightning.suggestion!.toExponential(1)} ${row.steepVs26.toFixed(2).padStart(6)} ${row.valleyVs26.toFixed(2).padStart(6)}`);
  }
  console.log(summary('ours: steep', columns.steep));
  console.log(summary('ours: valley', columns.valley));
  console.log(summary("Lightning's curve: steep", columns.theirSteep));
  console.log(summary("Lightning's curve: valley", columns.theirValley));
  console.log(summary('ours: steep vs Lightning 2.6 own', columns.steepVs26));
  console.log(summary('ours: valley vs Lightning 2.6 own', columns.valleyVs26));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
