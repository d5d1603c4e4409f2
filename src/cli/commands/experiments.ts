// `mlpad experiments list|show|compare|export`: read the runs `mlpad train … --experiment NAME` recorded in a
// store folder (`.mlpad/` in the current directory by default, or --store DIR). The engine is the studio's
// (src/lib/experiments); this file adds only flags, tables and files.
import { writeFile } from 'node:fs/promises';
import { compareRuns, experimentRecordFilter, getRun, JOB_TYPES, listRuns, type JobType, type Run, type RunQuery } from '../../lib/experiments/index.ts';
import { keyMetric, keyMetricLabel } from '../../lib/experiments/job-content.ts';
import { exportWorkspace } from '../../lib/workspace/index.ts';
import type { FlagSpec, ParsedFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { openStoreFolder, STORE_FOLDER, storeError } from '../experiment-flags.ts';

const STORE_FLAG: FlagSpec = { name: 'store', type: 'string', valueName: 'DIR', help: `the experiments folder (default ${STORE_FOLDER} in the current directory)` };

/** Runs `fn` on the store named by --store, closing it after; engine errors become one-line CLI errors. */
async function withStore<T>(flags: ParsedFlags, fn: (store: Awaited<ReturnType<typeof openStoreFolder>>) => Promise<T>): Promise<T> {
  const store = await openStoreFolder((flags.store as string | undefined) ?? STORE_FOLDER, false);
  try { return await fn(store); } catch (e) { throw storeError(e); } finally { await store.close(); }
}

/** Columns padded to their widest cell, two spaces apart. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());

/** The key metric of a run as the list prints it: '<name>=<value>' (the engine's keyMetric, as the studio's list shows it), or ''. */
export function keyMetricText(run: Run): string {
  const m = keyMetric(run);
  return m ? `${keyMetricLabel(m.name)}=${num(m.value)}` : '';
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, hint: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`, hint);
  return value as T;
}

const LIST_HINT = 'mlpad experiments list --help';

const listCommand: CliCommand = {
  name: 'list',
  summary: 'List the recorded runs: experiment, run, job type, status, creation time and a key metric',
  description: 'Newest first by default (SageMaker\'s ListTrialComponents order). --json prints the runs as JSON.',
  flags: [
    STORE_FLAG,
    { name: 'experiment', type: 'string', valueName: 'NAME', help: 'only runs of this experiment' },
    { name: 'job-type', type: 'string', valueName: 'TYPE', help: `only runs of this job type: ${JOB_TYPES.join(', ')}` },
    { name: 'tag', type: 'string', valueName: 'KEY[=VALUE]', help: 'only runs with this tag' },
    { name: 'text', type: 'string', valueName: 'TEXT', help: 'only runs whose name, display name, experiment, tags or text parameters contain TEXT (any case)' },
    { name: 'created-after', type: 'string', valueName: 'TIME', help: 'only runs created at or after this ISO 8601 time' },
    { name: 'created-before', type: 'string', valueName: 'TIME', help: 'only runs created before this ISO 8601 time' },
    { name: 'sort-by', type: 'string', valueName: 'Name|CreationTime', help: 'sort key (default CreationTime)' },
    { name: 'sort-order', type: 'string', valueName: 'Ascending|Descending', help: 'sort order (default Descending)' },
    { name: 'json', type: 'boolean', help: 'print the runs as a JSON array instead of a table' },
  ],
  async run(flags, io) {
    const tag = flags.tag as string | undefined;
    const query: RunQuery = {
      ...(flags.experiment !== undefined ? { experiment: flags.experiment as string } : {}),
      ...(flags['job-type'] !== undefined ? { jobType: oneOf<JobType>(flags['job-type'] as string, JOB_TYPES, 'job-type', LIST_HINT) } : {}),
      ...(tag !== undefined ? { tag: tag.includes('=') ? { Key: tag.slice(0, tag.indexOf('=')), Value: tag.slice(tag.indexOf('=') + 1) } : { Key: tag } } : {}),
      ...(flags.text !== undefined ? { text: flags.text as string } : {}),
      ...(flags['created-after'] !== undefined ? { createdAfter: flags['created-after'] as string } : {}),
      ...(flags['created-before'] !== undefined ? { createdBefore: flags['created-before'] as string } : {}),
      sortBy: oneOf(flags['sort-by'] as string | undefined, ['Name', 'CreationTime'] as const, 'sort-by', LIST_HINT),
      sortOrder: oneOf(flags['sort-order'] as string | undefined, ['Ascending', 'Descending'] as const, 'sort-order', LIST_HINT),
    };
    const runs = await withStore(flags, (store) => listRuns(store, query));
    if (flags.json) { io.stdout(JSON.stringify(runs, null, 2) + '\n'); return 0; }
    if (runs.length === 0) { io.stderr('mlpad: no runs match\n'); return 0; }
    io.stdout(formatTable([['EXPERIMENT', 'RUN', 'JOB TYPE', 'STATUS', 'CREATED', 'KEY METRIC'],
      ...runs.map((r) => [r.ExperimentName, r.RunName, r.JobType, r.Status.PrimaryStatus, r.CreationTime.replace(/\.\d+Z$/, 'Z'), keyMetricText(r)])]));
    return 0;
  },
};

const showCommand: CliCommand = {
  name: 'show',
  summary: 'Print one run as JSON (parameters, metric summaries and steps, artifacts by hash)',
  flags: [STORE_FLAG, { name: 'run', type: 'string', required: true, valueName: 'NAME', help: 'the run' }],
  async run(flags, io) {
    const run = await withStore(flags, (store) => getRun(store, flags.run as string));
    if (!run) throw new CliError(`no run named ${flags.run as string}; 'mlpad experiments list' shows the names`);
    io.stdout(JSON.stringify(run, null, 2) + '\n');
    return 0;
  },
};

const cell = (v: string | number | undefined) => (v === undefined ? '-' : typeof v === 'number' ? num(v) : v);

const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Parameters and final metrics of several runs side by side',
  description: 'One column per run; "-" where a run lacks a value and "*" before a parameter that differs. --json prints\nthe comparison with each metric\'s curves aligned on the union of steps.',
  flags: [
    STORE_FLAG,
    { name: 'run', type: 'string', required: true, multiple: true, valueName: 'NAME ...', help: 'the runs to compare (two or more words, or repeat --run)' },
    { name: 'json', type: 'boolean', help: 'print the comparison as JSON' },
  ],
  async run(flags, io) {
    const names = (flags.run as string).split(/[\s,]+/).filter((n) => n !== '');
    const runs = await withStore(flags, async (store) => {
      const out: Run[] = [];
      for (const n of names) {
        const r = await getRun(store, n);
        if (!r) throw new CliError(`no run named ${n}; 'mlpad experiments list' shows the names`);
        out.push(r);
      }
      return out;
    });
    const c = compareRuns(runs);
    if (flags.json) { io.stdout(JSON.stringify(c, null, 2) + '\n'); return 0; }
    const blank = c.runs.map(() => '');
    io.stdout(formatTable([['', ...c.runs],
      ...(c.parameters.length ? [['PARAMETERS', ...blank]] : []),
      ...c.parameters.map((p) => [`${p.differs ? '* ' : '  '}${p.name}`, ...p.values.map(cell)]),
      ...(c.metrics.length ? [['METRICS (last value)', ...blank]] : []),
      ...c.metrics.map((m) => [`  ${m.name}`, ...m.last.map(cell)])]));
    return 0;
  },
};

const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the store (or one experiment) as a workspace file the studio imports',
  description: 'The file is the studio\'s workspace zip (mlpad-workspace.json, records/, blobs/). With --experiment only that\nexperiment\'s runs, lineage and registered models go in, with the blobs they name.',
  flags: [
    STORE_FLAG,
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write the workspace zip, e.g. workshop.mlpad.zip' },
    { name: 'experiment', type: 'string', valueName: 'NAME', help: 'export only this experiment' },
  ],
  async run(flags, io) {
    const bytes = await withStore(flags, async (store) => {
      const filter = flags.experiment !== undefined ? await experimentRecordFilter(store, flags.experiment as string) : undefined;
      try { return await exportWorkspace(store, filter ? { filter } : {}); } catch (e) { throw e instanceof RangeError ? new CliError(e.message) : e; }
    });
    const out = flags.out as string;
    try { await writeFile(out, bytes); } catch (e) { throw new CliError(`cannot write ${JSON.stringify(out)}: ${(e as Error).message}`); }
    io.stderr(`mlpad: wrote ${out} (${bytes.length} bytes)\n`);
    return 0;
  },
};

export const experimentsCommand: CliCommand = {
  name: 'experiments',
  summary: 'List, show, compare and export the runs recorded with --experiment',
  description: `Runs are recorded by 'mlpad train … --experiment NAME [--run NAME] [--store DIR]' into a store folder\n(${STORE_FOLDER}/ beside the training data by default); these commands read ${STORE_FOLDER}/ in the current directory unless --store says.`,
  flags: [],
  subcommands: [listCommand, showCommand, compareCommand, exportCommand],
  async run() { throw new UsageError('name a command: list, show, compare or export', 'mlpad experiments --help'); },
};
