// `mlpad autopilot`: Autopilot on the command line. The problem type, the objective and the data
// exploration report (--report-only stops there), then the candidates (runAutopilotJob, candidates trained
// through the one job pipeline: in a pool of --max-parallel worker threads, or in this process with 1) into DIR: leaderboard.json, the best downloadable model
// (model.json), its metrics.json (mlpad train's layout, test metrics included) and the report.
import { basename, join, relative, resolve } from 'node:path';
import { exploreData, inferProblem, leaderboardText, localCandidateRunner, PROBLEM_TYPES, runAutopilotJob, type AutopilotMode, type Finding, type ProblemType } from '../../lib/autopilot/index.ts';
import { candidateNotebookFiles, explorationNotebookFiles } from '../../lib/autopilot/notebooks/index.ts';
import { initTrainingBackend } from '../../lib/compute/training-backend.ts';
import { loadBytes } from '../../lib/data/index.ts';
import { createAutopilotPool, defaultMaxParallel } from '../autopilot-pool.ts';
import type { CliIO } from '../io.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { experimentFlagSpecs, openExperimentTarget, type ExperimentTarget } from '../experiment-flags.ts';
import { recordAutopilotRun } from '../experiment-jobs.ts';
import { asUserError } from './train.ts';

const HINT = 'mlpad autopilot --help';

/** The report's file name inside --out. */
export const REPORT_FILE = 'data-exploration-report.json';

/** The leaderboard's file name inside --out. */
export const LEADERBOARD_FILE = 'leaderboard.json';

const MODE_FLAG: Record<string, AutopilotMode> = { auto: 'AUTO', ensembling: 'ENSEMBLING', hpo: 'HYPERPARAMETER_TUNING' };

const q = (s: string) => JSON.stringify(s);

function problemTypeFlag(text: string | undefined): ProblemType | undefined {
  if (text === undefined) return undefined;
  const found = PROBLEM_TYPES.find((p) => p.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw new UsageError(`--problem-type must be one of ${PROBLEM_TYPES.join(', ')}; got ${q(text)}`, HINT);
  return found;
}

function positiveNumber(text: string | undefined, flag: string, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${flag} must be a ${integer ? 'whole number of at least 1' : 'number of seconds above 0'}; got ${q(text)}`, HINT);
  }
  return v;
}

function line(f: Finding): string {
  return `  ${f.severity.padEnd(7)} ${f.kind}: ${f.message}\n          → ${f.action}\n`;
}

export const autopilotCommand: CliCommand = {
  name: 'autopilot',
  summary: 'Train and rank candidate models for a target within a time budget (SageMaker Autopilot)',
  description:
    'Reads the training file, infers the problem type from the target (BinaryClassification,\n' +
    'MulticlassClassification or Regression) and picks SageMaker Autopilot\'s default objective (F1, Accuracy,\n' +
    'MSE) unless --objective names another that fits. With --report-only it writes DIR/' + REPORT_FILE + ':\n' +
    'missing values, cardinality, constant and duplicate columns, duplicate rows, class imbalance, outliers\n' +
    'and target leakage, each with what Autopilot will do about it, and prints a summary. Without it, it then\n' +
    'trains candidates (xgboost, linear-learner, mlp, knn, factorization-machines where they fit) in the\n' +
    '--mode: ensembling (5-fold bagged models stacked), hpo (Bayesian tuning across the algorithms) or auto\n' +
    '(ensembling below 100 MB of data), holds out 20% of the rows as the test split unless --test is given,\n' +
    'and writes DIR/' + LEADERBOARD_FILE + ' (sorted by the test objective), DIR/model.json (the best model\n' +
    '`mlpad predict` can read) and DIR/metrics.json (its metrics, mlpad train\'s layout). Progress goes to stderr.',
  flags: [
    { name: 'train', type: 'string', required: true, valueName: 'FILE', help: 'the training data file' },
    { name: 'target', type: 'string', required: true, valueName: 'COLUMN', help: 'the column to predict' },
    { name: 'report-only', type: 'boolean', help: 'write the data exploration report and stop' },
    { name: 'test', type: 'string', valueName: 'FILE', help: 'test data (default: 20% of the training rows, stratified, held out first)' },
    { name: 'mode', type: 'string', valueName: 'auto|ensembling|hpo', help: 'how candidates are made (default auto: ensembling below 100 MB of data, hpo above)' },
    { name: 'budget-seconds', type: 'string', valueName: 'N', help: 'stop after N seconds, keeping finished candidates (default: no limit)' },
    { name: 'max-candidates', type: 'string', valueName: 'N', help: 'hpo: trials (default 100); ensembling: algorithms to bag (default all)' },
    { name: 'seed', type: 'string', valueName: 'N', help: 'seed of the splits and the search (default 0)' },
    { name: 'max-parallel', type: 'string', valueName: 'N', help: 'candidates trained at once, each in a worker thread; 1 trains them one by one in this process; the leaderboard is the same for a seed (default: the cores, at most 8)' },
    { name: 'objective', type: 'string', valueName: 'NAME', help: 'objective metric: Accuracy, AUC, BalancedAccuracy, F1, F1macro, LogLoss, MAE, MSE, Precision, PrecisionMacro, R2, Recall, RecallMacro, RMSE (default: F1 for binary, Accuracy for multiclass, MSE for regression)' },
    { name: 'problem-type', type: 'string', valueName: 'TYPE', help: `${PROBLEM_TYPES.join(', ')} (default: inferred from the target)` },
    { name: 'positive-label', type: 'string', valueName: 'CLASS', help: 'binary only: the class that counts as positive (default: the second in sorted order)' },
    { name: 'out', type: 'string', valueName: 'DIR', help: `folder for ${REPORT_FILE}, ${LEADERBOARD_FILE}, model.json, metrics.json (default: the current folder)` },
    ...loadFlagSpecs('the training file'),
    ...experimentFlagSpecs(),
  ],
  async run(flags, io) {
    const modeText = flags.mode as string | undefined;
    const mode = modeText === undefined ? 'AUTO' : MODE_FLAG[modeText.trim().toLowerCase()];
    if (mode === undefined) throw new UsageError(`--mode must be auto, ensembling or hpo; got ${q(modeText!)}`, HINT);
    const budget = positiveNumber(flags['budget-seconds'] as string | undefined, 'budget-seconds', false);
    const maxCandidates = positiveNumber(flags['max-candidates'] as string | undefined, 'max-candidates', true);
    const maxParallel = positiveNumber(flags['max-parallel'] as string | undefined, 'max-parallel', true) ?? defaultMaxParallel();
    const seedText = flags.seed as string | undefined;
    const seed = seedText === undefined ? 0 : Number(seedText);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number; got ${q(seedText!)}`, HINT);
    const path = flags.train as string;
    const target = flags.target as string;
    const problemType = problemTypeFlag(flags['problem-type'] as string | undefined);
    const options = loadOptionsFromFlags(flags, HINT);
    const experiment = flags['report-only'] === true ? undefined : await openExperimentTarget(flags, HINT, path, 'Autopilot');
    const loaded = await loadBytes(basename(path), await io.readFile(path), options);
    const problem = inferProblem(loaded.table, target, {
      objective: flags.objective as string | undefined,
      problemType,
      positiveLabel: flags['positive-label'] as string | undefined,
    });
    const report = exploreData(loaded.table, target, problem);
    const dir = (flags.out as string | undefined) ?? '.';
    const out = join(dir, REPORT_FILE);
    // JSON has no NaN: an undefined score (a class missing from the sample) is written as null.
    await io.writeFile(out, JSON.stringify({ file: path, format: loaded.format, loadWarnings: loaded.warnings, problem, ...report }, null, 2) + '\n');

    const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
    const objective = `${problem.objective}${problem.objectiveIsDefault ? " (SageMaker's default)" : ''}`;
    let text = `mlpad autopilot: ${path}, ${report.rows} rows × ${report.columnCount} columns\n`;
    text += `${problem.reason}\nObjective: ${objective}; also possible: ${problem.allowedObjectives.filter((o) => o !== problem.objective).join(', ')}.\n`;
    text += `Findings: ${count('high')} high, ${count('warning')} warning, ${count('info')} info\n`;
    for (const f of report.findings) if (f.severity !== 'info') text += line(f);
    if (report.dropped.length > 0) text += `Dropped before training: ${report.dropped.map((d) => `${q(d.column)} (${d.reason})`).join(', ')}\n`;
    text += `Report → ${out}\n`;
    const fromOut = (file: string) => relative(resolve(dir), resolve(file));
    for (const [name, body] of Object.entries(explorationNotebookFiles(report, fromOut(path)))) await io.writeFile(join(dir, name), body);
    io.stdout(text);
    if (flags['report-only'] === true) return 0;
    const testPath = flags.test as string | undefined;
    const test = testPath === undefined ? undefined : (await loadBytes(basename(testPath), await io.readFile(testPath), options)).table;
    return train(io, loaded.table, {
      target, dir, mode, seed, maxParallel, objective: flags.objective as string | undefined, problemType, positiveLabel: flags['positive-label'] as string | undefined,
      dataFile: fromOut(path), ...(experiment ? { experiment, files: { train: path, test: testPath } } : {}), ...(test ? { test: { table: test, file: fromOut(testPath!) } } : {}), ...(budget !== undefined ? { budget } : {}), ...(maxCandidates !== undefined ? { maxCandidates } : {}),
    });
  },
};

interface TrainOptions {
  target: string; dir: string; mode: AutopilotMode; seed: number; maxParallel: number; objective?: string; problemType?: ProblemType; positiveLabel?: string;
  dataFile: string; experiment?: ExperimentTarget; files?: Record<string, string | undefined>; test?: { table: Awaited<ReturnType<typeof loadBytes>>['table']; file: string }; budget?: number; maxCandidates?: number;
}

async function train(io: CliIO, table: Awaited<ReturnType<typeof loadBytes>>['table'], o: TrainOptions): Promise<number> {
  const pool = o.maxParallel > 1 ? createAutopilotPool(o.maxParallel) : undefined;
  const run = pool ? pool.run : localCandidateRunner({ tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
  let interrupted = false;
  const onSigint = () => { interrupted = true; io.stderr('mlpad: stopping: the candidates that finished are kept\n'); };
  process.once('SIGINT', onSigint);
  let result;
  try {
    result = await runAutopilotJob(table, {
      Target: o.target, ...(o.problemType ? { ProblemType: o.problemType } : {}), ...(o.objective ? { AutoMLJobObjective: { MetricName: o.objective } } : {}),
      ...(o.positiveLabel !== undefined ? { PositiveLabel: o.positiveLabel } : {}), ...(o.test ? { Test: o.test.table } : {}), Seed: o.seed, MaxParallelCandidates: o.maxParallel,
      AutoMLJobConfig: { Mode: o.mode, CompletionCriteria: { ...(o.budget !== undefined ? { MaxAutoMLJobRuntimeInSeconds: o.budget } : {}), ...(o.maxCandidates !== undefined ? { MaxCandidates: o.maxCandidates } : {}) } },
    }, run, { onProgress: (l) => io.stderr(`mlpad: ${l}\n`), shouldStop: () => interrupted });
  } catch (e) {
    throw asUserError(e);
  } finally {
    process.removeListener('SIGINT', onSigint);
    pool?.close();
  }
  const { Report: _report, BestModel, ...rest } = result;
  void _report;
  await io.writeFile(join(o.dir, LEADERBOARD_FILE), JSON.stringify({ ...rest, ...(BestModel ? { BestModel: BestModel.entry.CandidateName } : {}) }, null, 2) + '\n');
  let text = `\nLeaderboard (${result.Mode}, ${result.Objective.Type === 'Maximize' ? 'higher' : 'lower'} ${result.Objective.MetricName} is better; test split of ${result.Rows.test} rows):\n`;
  text += leaderboardText(result.Leaderboard, result.Objective.MetricName);
  for (const n of result.Notes) text += `Note: ${n}\n`;
  if (BestModel) {
    const model = join(o.dir, 'model.json');
    await io.writeFile(model, new TextDecoder().decode(BestModel.model));
    const metrics = { ...JSON.parse(new TextDecoder().decode(BestModel.metricsJson)), model, autopilot: { candidate: BestModel.entry.CandidateName, objective: result.Objective.MetricName, test_objective: BestModel.entry.TestObjective } };
    await io.writeFile(join(o.dir, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
    const notebooks = candidateNotebookFiles(table, result, { dataFile: o.dataFile, ...(o.test ? { test: o.test } : {}), seed: o.seed });
    for (const [name, body] of Object.entries(notebooks.files)) await io.writeFile(join(o.dir, name), body);
    if (notebooks.skipped) text += `Note: no candidate definition notebook: ${notebooks.skipped}\n`;
    text += `Best candidate: ${result.BestCandidate!.CandidateName}${result.BestCandidate!.CandidateName !== BestModel.entry.CandidateName ? ` (no model file: ${result.BestCandidate!.DownloadNote ?? 'not downloadable'}); best downloadable: ${BestModel.entry.CandidateName}` : ''} → ${model}\n`;
  }
  text += `Leaderboard → ${join(o.dir, LEADERBOARD_FILE)}\n`;
  io.stdout(text);
  if (o.experiment) {
    const leaderboardJson = new TextDecoder().decode(await io.readFile(join(o.dir, LEADERBOARD_FILE)));
    const metricsJson = BestModel ? new TextDecoder().decode(await io.readFile(join(o.dir, 'metrics.json'))) : undefined;
    await recordAutopilotRun(io, o.experiment, result, { data: o.files ?? {}, leaderboardJson, ...(BestModel ? { model: { path: join(o.dir, 'model.json'), bytes: BestModel.model }, metricsJson } : {}) });
  }
  if (result.AutoMLJobStatus === 'Failed' || !BestModel) {
    io.stderr(`mlpad: ${result.FailureReason ?? 'no candidate produced a model file'}\n`);
    return 1;
  }
  return 0;
}
