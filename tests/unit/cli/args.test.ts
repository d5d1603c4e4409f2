import { describe, expect, it } from 'vitest';
import { formatFlags, parseFlags, type FlagSpec } from '../../../src/cli/args.ts';
import { CliError, UsageError, describeError } from '../../../src/cli/errors.ts';

const specs: FlagSpec[] = [
  { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'input' },
  { name: 'out', type: 'string', valueName: 'FILE', help: 'output' },
  { name: 'quiet', type: 'boolean', help: 'say less' },
];

describe('parseFlags', () => {
  it('parseFlags reads --name value, --name=value and boolean flags', () => {
    expect(parseFlags(['--data', 'a.csv', '--out=b.json', '--quiet'], specs, 'mlpad x')).toEqual({ data: 'a.csv', out: 'b.json', quiet: true });
  });

  it('parseFlags rejects an unknown option with a UsageError naming it and the options the command takes', () => {
    expect(() => parseFlags(['--data', 'a', '--colour', 'red'], specs, 'mlpad x')).toThrow(UsageError);
    expect(() => parseFlags(['--data', 'a', '--colour', 'red'], specs, 'mlpad x')).toThrow("unknown option --colour for 'mlpad x'; it takes --data, --out, --quiet");
  });

  it('parseFlags rejects a missing value, a missing required option, a repeat and a stray argument', () => {
    expect(() => parseFlags(['--data'], specs, 'mlpad x')).toThrow('option --data needs a value: --data FILE');
    expect(() => parseFlags(['--data', '--out', 'b'], specs, 'mlpad x')).toThrow('option --data needs a value: --data FILE');
    expect(() => parseFlags([], specs, 'mlpad x')).toThrow("'mlpad x' needs --data FILE");
    expect(() => parseFlags(['--data', 'a', '--data', 'b'], specs, 'mlpad x')).toThrow('option --data is given more than once');
    expect(() => parseFlags(['a.csv'], specs, 'mlpad x')).toThrow(`unexpected argument "a.csv" for 'mlpad x'; options start with --`);
    expect(() => parseFlags(['--data', 'a', '--quiet=yes'], specs, 'mlpad x')).toThrow('option --quiet takes no value');
  });

  it('formatFlags lists each option with its value name, help and whether it is required', () => {
    expect(formatFlags(specs).split('\n')).toEqual([
      '  --data FILE  input (required)',
      '  --out FILE   output',
      '  --quiet      say less',
    ]);
  });
});

describe('describeError', () => {
  it('describeError gives exit 2 and a help hint for usage errors, 1 for file and data errors', () => {
    expect(describeError(new UsageError('bad', 'mlpad x --help'))).toEqual({ message: "bad\nRun 'mlpad x --help' for usage.", code: 2 });
    expect(describeError(new CliError('cannot read "a"'))).toEqual({ message: 'cannot read "a"', code: 1 });
    const dataError = Object.assign(new Error('a.csv: the file is empty'), { name: 'DataError' });
    expect(describeError(dataError)).toEqual({ message: 'a.csv: the file is empty', code: 1 });
  });

  it('describeError reports an unexpected error as one internal-error line, with the stack only in debug mode', () => {
    const boom = new TypeError('x is undefined');
    expect(describeError(boom)).toEqual({ message: 'internal error: x is undefined', code: 1 });
    expect(describeError(boom, true).message).toContain('at ');
  });
});

describe('parseFlags with a multiple flag', () => {
  const specs = [
    { name: 'hp', type: 'string', multiple: true, help: 'pairs' },
    { name: 'data', type: 'string', help: 'file' },
  ] as const;

  it('parseFlags joins the words after a multiple flag and its repeats with spaces', () => {
    expect(parseFlags(['--hp', 'eta=0.1', 'max_depth=4', '--data', 'f.csv', '--hp', 'num_round=5'], specs, 'mlpad x'))
      .toEqual({ hp: 'eta=0.1 max_depth=4 num_round=5', data: 'f.csv' });
  });

  it('parseFlags still refuses stray words after a single-valued flag', () => {
    expect(() => parseFlags(['--data', 'a.csv', 'b.csv'], specs, 'mlpad x')).toThrow(/unexpected argument "b\.csv"/);
  });
});
