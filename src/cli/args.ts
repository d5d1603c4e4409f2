// A small option parser driven by each command's flag list, so the same list produces the help text and
// the validation messages. node:util's parseArgs reports unknown options in a paragraph about positional
// arguments; users need one line that names the option and the command.
import { UsageError } from './errors.ts';

/** One --option of a command. */
export interface FlagSpec {
  /** Long name without dashes, e.g. 'data'. */
  name: string;
  /** 'string' flags take a value (--data FILE or --data=FILE); 'boolean' flags take none. */
  type: 'string' | 'boolean';
  /** Whether the command refuses to run without it; defaults to false. */
  required?: boolean;
  /** Placeholder for the value in help text; defaults to 'VALUE'. */
  valueName?: string;
  /** One line for the help text. */
  help: string;
  /**
   * Whether the flag may repeat and take several words (`--hp a=1 b=2 --hp c=3`); the values are joined
   * with spaces. Defaults to false: a repeated flag is an error.
   */
  multiple?: boolean;
}

export type ParsedFlags = Record<string, string | boolean | undefined>;

/** Parse `args` (the words after the command name) against `specs`; `command` names the command in errors. */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[], command: string): ParsedFlags {
  const hint = `${command} --help`;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParsedFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)} for '${command}'; options start with --`, hint);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(', ');
      throw new UsageError(`unknown option --${name} for '${command}'${known ? `; it takes ${known}` : ''}`, hint);
    }
    if (out[name] !== undefined && !spec.multiple) throw new UsageError(`option --${name} is given more than once`, hint);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`, hint);
      out[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value: --${name} ${spec.valueName ?? 'VALUE'}`, hint);
    }
    if (spec.multiple) {
      const words = [value];
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) words.push(args[++i]);
      out[name] = [out[name], ...words].filter((w) => typeof w === 'string').join(' ');
      continue;
    }
    out[name] = value;
  }
  for (const spec of specs) {
    if (spec.required && out[spec.name] === undefined) {
      throw new UsageError(`'${command}' needs --${spec.name} ${spec.valueName ?? 'VALUE'}`, hint);
    }
  }
  return out;
}

/** Help lines for `specs`, aligned in two columns. */
export function formatFlags(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.type === 'string' ? ` ${s.valueName ?? 'VALUE'}` : ''}`);
  const width = Math.max(0, ...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => `${left[i].padEnd(width)}${s.help}${s.required ? ' (required)' : ''}`).join('\n');
}
