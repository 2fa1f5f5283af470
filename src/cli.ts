// gradient-lens CLI: the same engine as the extension, for terminals and CI. One file per command under cli/.
import { PROFILE_USAGE, profileCommand } from './cli/profile';
import { LINT_USAGE, lintCommand } from './cli/lint';
import { LR_USAGE, lrCommand } from './cli/lr';
import { GRADCHECK_USAGE, gradcheckCommand } from './cli/gradcheck';
import { WATCH_USAGE, watchCommand } from './cli/watch';
import { COMPARE_USAGE, compareCommand } from './cli/compare';

const COMMANDS: Record<string, { usage: string; run(argv: string[]): Promise<number> }> = {
  profile: { usage: PROFILE_USAGE, run: profileCommand },
  lint: { usage: LINT_USAGE, run: lintCommand },
  lr: { usage: LR_USAGE, run: lrCommand },
  gradcheck: { usage: GRADCHECK_USAGE, run: gradcheckCommand },
  watch: { usage: WATCH_USAGE, run: watchCommand },
  compare: { usage: COMPARE_USAGE, run: compareCommand },
};

// The names' column: the longest name and two spaces, so no description runs into its name.
const COMMAND_COLUMN = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;

const USAGE = `Usage: gradient-lens <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(COMMAND_COLUMN)}${command.usage.split('\n')[2] ?? ''}`)
  .join('\n')}

Run gradient-lens <command> --help for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command) return command.run(rest);
  if (name === '-h' || name === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stderr.write(`gradient-lens: ${name ? `Unknown command "${name}"` : 'Missing command'}\n\n${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
