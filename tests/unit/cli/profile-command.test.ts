// The CLI as a user runs it: a real process through bin/mlpad.js, so the exit codes, the stderr lines and
// the absence of stack traces are what a shell would see. Each spawn compiles the TypeScript with tsx
// (about a second), so the finer cases live in main.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnMlpad } from './spawn-mlpad.ts';
import { COMMANDS } from '../../../src/cli/commands/index.ts';

// Every registered command, in the order the CLI lists them.
const COMMAND_NAMES = COMMANDS.map((c) => c.name).join(', ');

const dir = mkdtempSync(join(tmpdir(), 'mlpad-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mlpad = (...args: string[]) => spawnMlpad(dir, ...args);

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

writeFileSync(join(dir, 'small.csv'), 'id,age,city,score\n1,30,Oslo,1.5\n2,40,Bergen,2.5\n3,,Oslo,4.5\n4,60,Oslo,3.5\n');
writeFileSync(join(dir, 'empty.csv'), '');

// Concurrent: the four processes overlap their start-up instead of queueing.
describe.concurrent('bin/mlpad.js', () => {
  it('mlpad profile --data small.csv prints the JSON report on stdout and exits 0', async () => {
    const r = await mlpad('profile', '--data', 'small.csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['file', 'format', 'rows', 'warnings', 'missingTokens', 'dateFormats', 'schema', 'profile']);
    expect(out).toMatchObject({ file: 'small.csv', format: 'csv', rows: 4 });
    expect(out.profile.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'age', 'city', 'score']);
  });

  it('mlpad profile --out writes the JSON file and prints one summary line to stderr', async () => {
    const r = await mlpad('profile', '--data', 'small.csv', '--out', 'out/profile.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('mlpad: profiled small.csv (csv, 4 rows × 4 columns) → out/profile.json\n');
    expect(JSON.parse(readFileSync(join(dir, 'out/profile.json'), 'utf8')).rows).toBe(4);
  });

  it('mlpad profile on an empty file exits 1 with the loader message on one line and no stack trace', async () => {
    const r = await mlpad('profile', '--data', 'empty.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mlpad: empty\.csv: [^\n]+\n$/);
    noStackTrace(r.stderr);
  });

  it('mlpad profile on a missing file exits 1 and names the file', async () => {
    const r = await mlpad('profile', '--data', 'nope.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mlpad: cannot read "nope.csv": no such file\n');
  });

  it('mlpad with an unknown command exits 2 with a one-line reason and a help hint', async () => {
    const r = await mlpad('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mlpad: unknown command "frobnicate"; commands are ${COMMAND_NAMES}\nRun 'mlpad --help' for usage.\n`);
  });
});
