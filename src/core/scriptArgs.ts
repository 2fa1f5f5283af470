// The user's own command-line arguments for a script that parses process.argv (argparse, yargs,
// commander): typed as one line, as in a shell, and split the way a shell would (quotes group words) by
// string-argv, for the CLI's --script-args and the extension's per-file setting alike.
import { parseArgsStringToArgv } from 'string-argv';

export function splitScriptArgs(line: string | undefined): string[] | undefined {
  if (line === undefined || !line.trim()) return undefined;
  return parseArgsStringToArgv(line);
}
