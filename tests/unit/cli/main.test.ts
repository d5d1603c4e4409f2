// main() in-process with captured output: the dispatch, help and error paths without a process per case.
// profile-command.test.ts covers the same CLI through a real process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../src/cli/command.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { nodeIO, type CliIO } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { COMMANDS } from '../../../src/cli/commands/index.ts';

// Every registered command, in the order the CLI lists them.
const COMMAND_NAMES = COMMANDS.map((c) => c.name).join(', ');

const dir = mkdtempSync(join(tmpdir(), 'mlpad-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], commands?: readonly CliCommand[]) {
  let stdout = '', stderr = '';
  const io: CliIO = { ...nodeIO, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(argv, io, commands);
  return { code, stdout, stderr };
}

describe('main: dispatch and help', () => {
  it("main(['--help']) lists the commands on stdout and returns 0", async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: mlpad <command> \[options\]/);
    expect(r.stdout).toMatch(/^ {2}profile +Load a data file and print its schema and column profile as JSON$/m);
    expect((await run(['help'])).stdout).toBe(r.stdout);
  });

  it("main(['profile', '--help']) and main(['help', 'profile']) print the command's options", async () => {
    const r = await run(['profile', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mlpad profile \[options\]/);
    expect(r.stdout).toMatch(/^ {2}--data FILE +the data file to profile \(required\)$/m);
    expect(r.stdout).toMatch(/^ {2}--out FILE +write the JSON here/m);
    expect((await run(['help', 'profile'])).stdout).toBe(r.stdout);
  });

  it('main([]) prints usage to stderr and returns 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: mlpad <command>/);
  });

  it("main(['--version']) prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect((await run(['--version'])).stdout).toBe(`mlpad ${version}\n`);
  });

  it('main returns 2 with one line for an unknown command, an unknown top-level option or a bad flag', async () => {
    expect(await run(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: `mlpad: unknown command "frobnicate"; commands are ${COMMAND_NAMES}\nRun 'mlpad --help' for usage.\n` });
    expect((await run(['--verbose'])).stderr.startsWith(`mlpad: unknown option --verbose; commands are ${COMMAND_NAMES}\n`)).toBe(true);
    const r = await run(['profile', '--data', 'x.csv', '--rows', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mlpad: unknown option --rows for 'mlpad profile'; it takes --data, --out, --na-values, --no-default-na, --delimiter, --quote, --no-header, --date-format\nRun 'mlpad profile --help' for usage.\n`);
    expect((await run(['profile'])).stderr).toMatch(/^mlpad: 'mlpad profile' needs --data FILE\n/);
  });

  it('main turns a command failure into "mlpad: <message>" and exit 1, never a stack trace', async () => {
    const failing = (error: Error): CliCommand => ({ name: 'boom', summary: 'fails', flags: [], run: () => Promise.reject(error) });
    expect(await run(['boom'], [failing(new CliError('cannot read "a"'))])).toEqual({ code: 1, stdout: '', stderr: 'mlpad: cannot read "a"\n' });
    const internal = await run(['boom'], [failing(new TypeError('x is undefined'))]);
    expect(internal).toEqual({ code: 1, stdout: '', stderr: 'mlpad: internal error: x is undefined\n' });
  });
});

describe('main: profile', () => {
  it("main(['profile', '--data', f]) prints the report for a CSV with a missing cell", async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'id,age,city,score\n1,30,Oslo,1.5\n2,40,Bergen,2.5\n3,,Oslo,4.5\n4,60,Oslo,3.5\n');
    const r = await run(['profile', '--data', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ file, format: 'csv', rows: 4, warnings: [] });
    expect(out.schema.map((c: { type: string }) => c.type)).toEqual(['id', 'integer', 'categorical', 'float']);
    const age = out.profile.columns[1];
    expect(age).toMatchObject({ missing: 1, missingPct: 25, distinct: 3 });
    expect(age.numeric.mean).toBeCloseTo(130 / 3, 12);
    expect(age.numeric.std).toBeCloseTo(Math.sqrt((((30 - 130 / 3) ** 2) + ((40 - 130 / 3) ** 2) + ((60 - 130 / 3) ** 2)) / 2), 12);
    expect(out.profile.columns[2].topK).toEqual([{ value: 'Oslo', count: 3 }, { value: 'Bergen', count: 1 }]);
    expect(out.profile.correlation.columns).toEqual(['age', 'score']);
  });

  it('main profile writes null for a statistic JSON cannot hold (the std of a single value)', async () => {
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'x\n5\n');
    const out = JSON.parse((await run(['profile', '--data', file])).stdout);
    expect(out.profile.columns[0].numeric.std).toBeNull();
  });

  it('main profile reports an unreadable path with its reason and exit 1', async () => {
    expect((await run(['profile', '--data', dir])).stderr).toBe(`mlpad: cannot read ${JSON.stringify(dir)}: it is a directory\n`);
  });
});
