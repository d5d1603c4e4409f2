// `mlpad autopilot`: Autopilot on the command line. So far the first stage only: the problem type, the
// objective and the data exploration report (--report-only); training candidates comes in a later stage,
// and until then the command says so instead of pretending.
import { basename, join } from 'node:path';
import { exploreData, inferProblem, PROBLEM_TYPES, type Finding, type ProblemType } from '../../lib/autopilot/index.ts';
import { loadBytes } from '../../lib/data/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';

const HINT = 'mlpad autopilot --help';

/** The report's file name inside --out. */
export const REPORT_FILE = 'data-exploration-report.json';

const q = (s: string) => JSON.stringify(s);

function problemTypeFlag(text: string | undefined): ProblemType | undefined {
  if (text === undefined) return undefined;
  const found = PROBLEM_TYPES.find((p) => p.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw new UsageError(`--problem-type must be one of ${PROBLEM_TYPES.join(', ')}; got ${q(text)}`, HINT);
  return found;
}

function line(f: Finding): string {
  return `  ${f.severity.padEnd(7)} ${f.kind}: ${f.message}\n          → ${f.action}\n`;
}

export const autopilotCommand: CliCommand = {
  name: 'autopilot',
  summary: 'Infer the problem type and objective and write the data exploration report (training comes later)',
  description:
    'Reads the training file, infers the problem type from the target (BinaryClassification,\n' +
    'MulticlassClassification or Regression) and picks SageMaker Autopilot\'s default objective (F1, Accuracy,\n' +
    'MSE) unless --objective names another that fits. With --report-only it writes DIR/' + REPORT_FILE + ':\n' +
    'missing values, cardinality, constant and duplicate columns, duplicate rows, class imbalance, outliers\n' +
    'and target leakage, each with what Autopilot will do about it, and prints a summary. Training candidates\n' +
    'is not built yet: without --report-only the command says so and exits 2.',
  flags: [
    { name: 'train', type: 'string', required: true, valueName: 'FILE', help: 'the training data file' },
    { name: 'target', type: 'string', required: true, valueName: 'COLUMN', help: 'the column to predict' },
    { name: 'report-only', type: 'boolean', help: 'write the data exploration report and stop (the only mode built so far)' },
    { name: 'objective', type: 'string', valueName: 'NAME', help: 'objective metric: Accuracy, AUC, BalancedAccuracy, F1, F1macro, LogLoss, MAE, MSE, Precision, PrecisionMacro, R2, Recall, RecallMacro, RMSE (default: F1 for binary, Accuracy for multiclass, MSE for regression)' },
    { name: 'problem-type', type: 'string', valueName: 'TYPE', help: `${PROBLEM_TYPES.join(', ')} (default: inferred from the target)` },
    { name: 'positive-label', type: 'string', valueName: 'CLASS', help: 'binary only: the class that counts as positive (default: the second in sorted order)' },
    { name: 'out', type: 'string', valueName: 'DIR', help: `folder for ${REPORT_FILE} (default: the current folder)` },
    ...loadFlagSpecs('the training file'),
  ],
  async run(flags, io) {
    if (flags['report-only'] !== true) {
      io.stderr('mlpad: autopilot can so far only write the data exploration report: training candidates is not built yet. Run it with --report-only.\n');
      return 2;
    }
    const path = flags.train as string;
    const target = flags.target as string;
    const problemType = problemTypeFlag(flags['problem-type'] as string | undefined);
    const options = loadOptionsFromFlags(flags, HINT);
    const loaded = await loadBytes(basename(path), await io.readFile(path), options);
    const problem = inferProblem(loaded.table, target, {
      objective: flags.objective as string | undefined,
      problemType,
      positiveLabel: flags['positive-label'] as string | undefined,
    });
    const report = exploreData(loaded.table, target, problem);
    const out = join((flags.out as string | undefined) ?? '.', REPORT_FILE);
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
    io.stdout(text);
    return 0;
  },
};
