// `mlpad clarify report`: one self-contained HTML file from analysis.json (and the local SHAP values of
// explanations_shap/out.csv, drawn as a beeswarm), that opens offline and runs no script.
import { basename, join } from 'node:path';
import type { AnalysisJson } from '../../lib/clarify/analysis.ts';
import { renderClarifyReport, type LocalShap } from '../../lib/clarify/report/index.ts';
import { loadBytes } from '../../lib/data/index.ts';
import type { CliCommand } from '../command.ts';
import { CliError } from '../errors.ts';
import type { CliIO } from '../io.ts';

async function readAnalysis(io: CliIO, path: string): Promise<AnalysisJson> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await io.readFile(path)));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path}: not a JSON file (${(e as Error).message})`);
  }
  const a = parsed as AnalysisJson;
  if (a === null || typeof a !== 'object' || Array.isArray(a) || (!a.pre_training_bias_metrics && !a.post_training_bias_metrics && !a.explanations)) {
    throw new CliError(`${path}: not a Clarify analysis.json: it has none of pre_training_bias_metrics, post_training_bias_metrics and explanations`);
  }
  return a;
}

/** The local values of out.csv: one block of feature columns (the first label's, for a multiclass model). */
async function readLocal(io: CliIO, dir: string, analysis: AnalysisJson): Promise<LocalShap> {
  const path = join(dir, 'explanations_shap', 'out.csv');
  const { table } = await loadBytes(basename(path), await io.readFile(path), { defaultNa: false, naValues: [''] });
  const method = analysis.explanations?.tree_shap ?? analysis.explanations?.kernel_shap;
  const label = Object.keys(method ?? {})[0] ?? 'label0';
  const names = table.schema.fields.map((f) => f.name);
  const suffix = ` (${label})`;
  const block = names.some((n) => n.endsWith(suffix)) ? names.filter((n) => n.endsWith(suffix)) : names;
  const rows = table.numRows;
  const values = new Float64Array(rows * block.length);
  block.forEach((name, j) => {
    const col = table.getChild(name)!;
    for (let i = 0; i < rows; i++) {
      const v = col.get(i);
      values[i * block.length + j] = v === null ? NaN : Number(v);
    }
  });
  return { features: block.map((n) => (n.endsWith(suffix) ? n.slice(0, -suffix.length) : n)), values, rows, label };
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'A self-contained HTML report of analysis.json',
  description:
    'One HTML file with the bias tables and charts, global SHAP values, a beeswarm of the local values (with --shap)\n' +
    'and partial dependence, that opens offline: it loads nothing and runs no script (its Content-Security-Policy\n' +
    'forbids both), and every name and value from the data is escaped text.',
  flags: [
    { name: 'analysis', type: 'string', required: true, valueName: 'FILE', help: 'analysis.json from mlpad clarify bias or shap (or SageMaker Clarify)' },
    { name: 'shap', type: 'string', valueName: 'DIR', help: 'the folder of mlpad clarify shap, for the local values (beeswarm)' },
    { name: 'title', type: 'string', valueName: 'TEXT', help: 'the report\'s title (default: SageMaker Clarify report)' },
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write the HTML' },
  ],
  async run(flags, io) {
    const analysisPath = flags.analysis as string;
    const analysis = await readAnalysis(io, analysisPath);
    const local = flags.shap !== undefined ? await readLocal(io, flags.shap as string, analysis) : undefined;
    const html = renderClarifyReport(analysis, { title: flags.title as string | undefined, generatedAt: new Date().toISOString().slice(0, 10), local });
    const out = flags.out as string;
    await io.writeFile(out, html);
    io.stderr(`mlpad: report of ${analysisPath} → ${out}\n`);
    return 0;
  },
};
