// The headline of an error a program printed, so that an early end or a silent wait can be explained by
// the last error the program itself reported (a data file it could not open, a server it could not reach).

/**
 * "Error: ENOENT: …", "TypeError: …", "MongoServerError: …", "Error [ERR_X]: …" (optionally "Uncaught "): a
 * class name, so capitalised — an inspected object's own fields ("clarifyTimeoutError: false" in an axios
 * error's config) are not headlines.
 */
export const ERROR_HEADLINE = /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)(?: \[\w+\])?: \S/;
/**
 * The same headline inside a script's own words: console.error('Error during training:', error) prints a
 * stackless error (fs and network errors) in Node's inspect form, "Error during training: [Error: ENOENT: …] {".
 */
const INSPECTED_ERROR = /\[(?:[A-Z]\w*)?(?:Error|Exception)(?: \[\w+\])?: \S/;

/** True when the printed line reports an error: it starts with a headline or carries an inspected one. */
export function isErrorHeadline(line: string): boolean {
  return ERROR_HEADLINE.test(line) || INSPECTED_ERROR.test(line);
}

/** The line, trimmed and cut to 200 characters, when it reports an error; else undefined. */
export function errorHeadlineIn(line: string): string | undefined {
  const text = line.trim();
  if (!isErrorHeadline(text)) return undefined;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
