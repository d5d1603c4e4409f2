// The files of `mlpad monitor`: a baseline folder (statistics.json, constraints.json and, with ground truth,
// model_quality_statistics.json and model_quality_constraints.json) read back with errors that name the file
// and the field or the line and column, and the ground-truth columns of a table as the model-quality engine
// takes them.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DataType, type Table } from 'apache-arrow';
import { jsonErrorPosition, lineAndColumn } from '../../lib/data/json-error-position.ts';
import type { ModelQualityInput } from '../../lib/monitor/model-quality.ts';
import { SECTION, type ModelQualityConstraints, type ProblemType } from '../../lib/monitor/quality-types.ts';
import type { Baseline, QualityColumns } from '../../lib/monitor/timeline.ts';
import { validateConstraints, validateStatistics } from '../../lib/monitor/validate.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { requireColumn } from '../columns.ts';

/** The file names of a baseline folder, as Model Monitor's jobs write them. */
export const BASELINE_FILES = {
  statistics: 'statistics.json',
  constraints: 'constraints.json',
  qualityStatistics: 'model_quality_statistics.json',
  qualityConstraints: 'model_quality_constraints.json',
} as const;

export const PROBLEM_TYPES: readonly ProblemType[] = ['Regression', 'BinaryClassification', 'MulticlassClassification'];

/** `value` as indented JSON with a final newline; NaN and infinities (never in these files) would be null. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Parse the JSON text of `path`; malformed JSON is a CliError naming the file, the line, column and offset. */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const pos = jsonErrorPosition(text);
    const detail = (e as Error).message.replace(/,\s*(\.\.\.)?"[\s\S]*$/, '').replace(/ at position \d+[\s\S]*$/, '').replace(/ in JSON$/, '');
    if (pos < 0) throw new CliError(`${path}: this is not valid JSON (${detail})`);
    const { line, column } = lineAndColumn(text, pos);
    throw new CliError(`${path}: this is not valid JSON (${detail}) at line ${line}, column ${column} (position ${pos})`);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function readJson(io: CliIO, path: string): Promise<unknown> {
  return parseJsonFile(path, new TextDecoder().decode(await io.readFile(path)));
}

/** Reads a baseline folder; a missing folder or file, malformed JSON or a wrong field is one CliError naming it. */
export async function readBaseline(io: CliIO, dir: string): Promise<Baseline> {
  let folder = false;
  try { folder = statSync(dir).isDirectory(); } catch { /* reported below */ }
  if (!folder) throw new CliError(`--baseline ${JSON.stringify(dir)} is not a folder; give the --out folder of 'mlpad monitor baseline'`);
  for (const name of [BASELINE_FILES.statistics, BASELINE_FILES.constraints]) {
    if (!isFile(join(dir, name))) throw new CliError(`baseline folder ${JSON.stringify(dir)} has no ${name}; run 'mlpad monitor baseline --data FILE --out ${dir}' to make one`);
  }
  const statsPath = join(dir, BASELINE_FILES.statistics);
  const constraintsPath = join(dir, BASELINE_FILES.constraints);
  const statistics = await readJson(io, statsPath);
  const constraints = await readJson(io, constraintsPath);
  try {
    validateStatistics(statistics, 'statistics.json');
  } catch (e) {
    throw new CliError(`${statsPath}: ${(e as Error).message}`);
  }
  try {
    validateConstraints(constraints, 'constraints.json');
  } catch (e) {
    throw new CliError(`${constraintsPath}: ${(e as Error).message}`);
  }
  const baseline: Baseline = { statistics, constraints };
  const qualityPath = join(dir, BASELINE_FILES.qualityConstraints);
  if (isFile(qualityPath)) baseline.quality = checkQualityConstraints(await readJson(io, qualityPath), qualityPath);
  return baseline;
}

function checkQualityConstraints(value: unknown, path: string): ModelQualityConstraints {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`${path}: must be a JSON object with a *_constraints section`);
  const sections = PROBLEM_TYPES.filter((p) => (value as Record<string, unknown>)[SECTION[p].constraints] !== undefined);
  if (sections.length !== 1) {
    throw new CliError(`${path}: must hold exactly one of ${PROBLEM_TYPES.map((p) => SECTION[p].constraints).join(', ')}; it holds ${sections.length}`);
  }
  const section = (value as Record<string, unknown>)[SECTION[sections[0]].constraints];
  if (section === null || typeof section !== 'object' || Array.isArray(section)) throw new CliError(`${path}: ${SECTION[sections[0]].constraints} must be an object of {threshold, comparison_operator}`);
  return value as ModelQualityConstraints;
}

/** The problem type whose section a model-quality constraints file holds. */
export function problemTypeOf(quality: ModelQualityConstraints): ProblemType {
  return PROBLEM_TYPES.find((p) => quality[SECTION[p].constraints] !== undefined)!;
}

/** The --problem-type value, checked; `hint` is the command's help line. */
export function parseProblemType(text: string, hint: string): ProblemType {
  if (!(PROBLEM_TYPES as readonly string[]).includes(text)) throw new UsageError(`--problem-type must be one of ${PROBLEM_TYPES.join(', ')}; got ${JSON.stringify(text)}`, hint);
  return text as ProblemType;
}


/** The ground-truth, prediction and probability columns of `table` for modelQualityStatistics; a missing cell is an error naming its row. */
export function qualityInput(table: Table, q: QualityColumns, file: string): ModelQualityInput {
  const read = (name: string, flag: string, text: boolean) => {
    requireColumn(table, name, flag, file);
    const v = table.getChild(name)!;
    const field = table.schema.fields.find((f) => f.name === name)!;
    const numeric = DataType.isInt(field.type) || DataType.isFloat(field.type) || DataType.isBool(field.type);
    if (!text && !numeric) throw new CliError(`${file}: ${flag} column ${JSON.stringify(name)} must be numeric for ${q.problemType}; it holds text such as ${JSON.stringify(String(v.get(0)))}`);
    const out: (number | string)[] = new Array(table.numRows);
    for (let i = 0; i < out.length; i++) {
      const x: unknown = v.get(i);
      if (x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x))) {
        throw new CliError(`${file}: ${flag} column ${JSON.stringify(name)} is missing in data row ${i + 1}; model quality needs a value on every row`);
      }
      out[i] = text ? String(x) : Number(x);
    }
    return out;
  };
  const multiclass = q.problemType === 'MulticlassClassification';
  return {
    problemType: q.problemType,
    actual: read(q.actual, '--actual', multiclass) as number[] | string[],
    predicted: read(q.predicted, '--predicted', multiclass) as number[] | string[],
    probability: q.probability !== undefined ? (read(q.probability, '--probability', false) as number[]) : undefined,
  };
}
