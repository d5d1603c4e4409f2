// `mlpad <command> [options]`: dispatch to commands/, print help, and turn every failure into one line on
// stderr and an exit code (2 usage, 1 anything else). Stack traces appear only with MLPAD_DEBUG=1.
import { readFileSync } from 'node:fs';
import { formatFlags, parseFlags } from './args.ts';
import type { CliCommand } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { UsageError, describeError } from './errors.ts';
import { nodeIO, type CliIO } from './io.ts';

function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function mainHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'mlpad: machine learning in a browser tab, and its engine on the command line',
    '',
    'Usage: mlpad <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'mlpad <command> --help' for a command's options.",
    '',
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  if (c.subcommands) {
    const width = Math.max(...c.subcommands.map((s) => s.name.length)) + 2;
    return [`Usage: mlpad ${c.name} <command> [options]`, '', c.summary + '.', ...(c.description ? ['', c.description] : []), '', 'Commands:', ...c.subcommands.map((s) => `  ${s.name.padEnd(width)}${s.summary}`), '', `Run 'mlpad ${c.name} <command> --help' for a command's options.`, ''].join('\n');
  }
  return [`Usage: mlpad ${c.name} [options]`, '', c.summary + '.', ...(c.description ? ['', c.description] : []), '', 'Options:', formatFlags(c.flags), '  --help, -h  show this help', ''].join('\n');
}

async function dispatch(argv: readonly string[], io: CliIO, commands: readonly CliCommand[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(mainHelp(commands));
    return 2;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout(mainHelp(commands));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`mlpad ${version()}\n`);
    return 0;
  }
  const name = first === 'help' ? rest[0] : first;
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command ${JSON.stringify(name)}`;
    throw new UsageError(`${what}; commands are ${commands.map((c) => c.name).join(', ')}`);
  }
  if (command.subcommands) {
    const [subName, ...subRest] = first === 'help' ? rest.slice(1) : rest;
    if (subName === undefined) {
      io.stderr(commandHelp(command));
      return 2;
    }
    if (subName === '--help' || subName === '-h') {
      io.stdout(commandHelp(command));
      return 0;
    }
    const sub = command.subcommands.find((c) => c.name === subName);
    if (sub === undefined) throw new UsageError(`unknown command ${JSON.stringify(`${command.name} ${subName}`)}; ${command.name} commands are ${command.subcommands.map((c) => c.name).join(', ')}`);
    const full = { ...sub, name: `${command.name} ${sub.name}` };
    if (first === 'help' || subRest.includes('--help') || subRest.includes('-h')) {
      io.stdout(commandHelp(full));
      return 0;
    }
    return sub.run(parseFlags(subRest, sub.flags, `mlpad ${full.name}`), io);
  }
  if (first === 'help' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  const flags = parseFlags(rest, command.flags, `mlpad ${command.name}`);
  return command.run(flags, io);
}

/** Run the CLI on `argv` (the words after `mlpad`) and resolve to the process exit code; never throws. */
export async function main(argv: readonly string[], io: CliIO = nodeIO, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    const { message, code } = describeError(error, process.env.MLPAD_DEBUG === '1');
    io.stderr(`mlpad: ${message}\n`);
    return code;
  }
}
