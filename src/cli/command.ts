import type { FlagSpec, ParsedFlags } from './args.ts';
import type { CliIO } from './io.ts';

/** One `mlpad <name>` subcommand. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One line for `mlpad --help`. */
  summary: string;
  /** Extra paragraphs for `mlpad <name> --help`, e.g. what it prints. */
  description?: string;
  flags: readonly FlagSpec[];
  /** Commands under this one (`mlpad clarify bias`): the next word picks one; defaults to none. */
  subcommands?: readonly CliCommand[];
  /** Run with validated flags; resolve to the exit code. Throw UsageError, CliError or DataError to fail. */
  run(flags: ParsedFlags, io: CliIO): Promise<number>;
}
