// The two kinds of failure the CLI reports without a stack trace: the command line was wrong (exit 2,
// like most Unix tools) or the input was (exit 1).

/** The command line itself is wrong: unknown command or option, missing value. Exit code 2. */
export class UsageError extends Error {
  /** The help command to suggest, e.g. "mlpad profile --help". */
  readonly hint: string;
  constructor(message: string, hint = 'mlpad --help') {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Something the user can fix outside the command line: a missing file, an unwritable output. Exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The one-line message and exit code for any error a command throws. */
export function describeError(error: unknown, debug = false): { message: string; code: number } {
  if (error instanceof UsageError) return { message: `${error.message}\nRun '${error.hint}' for usage.`, code: 2 };
  // DataError is matched by name, not instanceof, so a copy of the class from another bundle still counts.
  if (error instanceof Error && (error instanceof CliError || error.name === 'DataError')) return { message: error.message, code: 1 };
  if (error instanceof Error) return { message: `internal error: ${debug && error.stack ? error.stack : error.message}`, code: 1 };
  return { message: `internal error: ${String(error)}`, code: 1 };
}
