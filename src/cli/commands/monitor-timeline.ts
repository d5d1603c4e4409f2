// `mlpad monitor timeline`: one file split into time windows by a date column and every window checked
// against a baseline, as an hourly/daily/weekly/monthly schedule would run it (src/lib/monitor/timeline.ts).
// Writes DIR/timeline.json (the drift distance of each feature per window, violation counts, alerts) and
// each window's own Model Monitor files under DIR/<window>/.
import { join } from 'node:path';
import { runTimelineAsync, WINDOW_SIZES, type QualityColumns, type TimelineResult, type TimelineWindow, type WindowSize } from '../../lib/monitor/timeline.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { attributionAnalysis, biasConfig, CLARIFY_FILES, clarifyFlagSpecs, readClarifyBaseline, wantsBias } from './monitor-clarify.ts';
import { readModel } from '../read-model.ts';
import { ANALYSIS_VERSION } from '../../lib/clarify/analysis.ts';
import type { BiasDriftConfig } from '../../lib/monitor/bias-drift.ts';
import { BASELINE_FILES, jsonText, problemTypeOf, qualityInput, readBaseline } from './monitor-files.ts';
import { requireColumn } from '../columns.ts';
import { load } from './train.ts';

const HINT = 'mlpad monitor timeline --help';

/** The folder name of a window: its label, with the hour label's space and colon made safe ("2024-03-05_1400"). */
export const windowDir = (label: string): string => label.replace(' ', '_').replace(':', '');

const iso = (ms: number) => new Date(ms).toISOString();

function counts(w: TimelineWindow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of w.violations) out[v.constraint_check_type] = (out[v.constraint_check_type] ?? 0) + 1;
  return out;
}

/** timeline.json: the result without per-window statistics (those are in each window's folder). */
function timelineJson(r: TimelineResult, baselineDir: string) {
  return {
    baseline: baselineDir,
    time_column: r.timeColumn,
    window: r.window,
    features: r.features,
    undated_rows: r.undated,
    windows: r.windows.map((w) => ({
      label: w.label,
      dir: w.rows > 0 ? windowDir(w.label) : null,
      start: iso(w.start),
      end: iso(w.end),
      rows: w.rows,
      distances: w.distances,
      violations: w.violations.length,
      violation_counts: counts(w),
      ...(w.quality ? { model_quality_violations: w.qualityViolations?.length ?? 0 } : {}),
      ...(w.bias || w.biasError ? { bias_violations: w.biasViolations?.length ?? 0, ...(w.biasError ? { bias_error: w.biasError } : {}) } : {}),
      ...(w.ndcg ? { ndcg: w.ndcg, attribution_violations: w.attributionViolations?.length ?? 0 } : {}),
    })),
    alerts: r.alerts,
  };
}

async function writeWindows(io: CliIO, out: string, r: TimelineResult): Promise<void> {
  for (const w of r.windows) {
    if (w.rows === 0 || !w.statistics) continue;
    const dir = join(out, windowDir(w.label));
    await io.writeFile(join(dir, 'statistics.json'), jsonText(w.statistics));
    await io.writeFile(join(dir, 'constraint_violations.json'), jsonText({ violations: w.violations }));
    if (w.quality) {
      await io.writeFile(join(dir, BASELINE_FILES.qualityStatistics), jsonText(w.quality));
      await io.writeFile(join(dir, 'model_quality_constraint_violations.json'), jsonText({ violations: w.qualityViolations ?? [] }));
    }
    if (w.bias || w.attribution) {
      const analysis = { version: ANALYSIS_VERSION, ...(w.bias ? { post_training_bias_metrics: w.bias } : {}), ...(w.attribution ? attributionAnalysis(w.attribution) : {}) };
      await io.writeFile(join(dir, 'analysis.json'), jsonText(analysis));
    }
    if (w.bias) await io.writeFile(join(dir, 'bias_constraint_violations.json'), jsonText({ version: ANALYSIS_VERSION, violations: w.biasViolations ?? [] }));
    if (w.attribution) await io.writeFile(join(dir, 'feature_attribution_constraint_violations.json'), jsonText({ version: ANALYSIS_VERSION, violations: w.attributionViolations ?? [] }));
  }
}

export const timelineCommand: CliCommand = {
  name: 'timeline',
  summary: 'Split data into time windows and check each against a baseline, as a monitoring schedule',
  description:
    'Writes DIR/timeline.json ({time_column, window, features, undated_rows, windows: [{label, dir, start, end, rows,\n' +
    'distances (per feature, the L-infinity distance to the baseline), violations, violation_counts}], alerts: [{window,\n' +
    'feature, check, description}]}) and, per window with rows, DIR/<window>/statistics.json and constraint_violations.json.\n' +
    'A window without rows is an "empty_window" alert. Given --actual and --predicted and a baseline with model quality\n' +
    '(model_quality_constraints.json), each window also gets model_quality_statistics.json and\n' +
    'model_quality_constraint_violations.json, and broken metrics are alerts. Given the bias flags (--label, --label-values,\n' +
    '--facet, --predicted-label or --model) and a baseline with bias_baseline.json, each window gets analysis.json\n' +
    '(post_training_bias_metrics) and bias_constraint_violations.json (bias_drift_check: a metric farther from balance than\n' +
    'in the baseline). Given --model and a baseline with attribution_baseline.json, each window\'s analysis.json also holds\n' +
    'explanations (global SHAP values; Kernel SHAP on at most 200 rows) and feature_attribution_constraint_violations.json\n' +
    '(feature_attribution_drift_check: nDCG against the baseline\'s ranking below 0.9). Prints the number of alerts; exits 0\n' +
    'whether or not there are any.',
  flags: [
    { name: 'baseline', type: 'string', required: true, valueName: 'DIR', help: 'folder written by mlpad monitor baseline' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the data to split into windows' },
    { name: 'time-column', type: 'string', required: true, valueName: 'COLUMN', help: 'the date or timestamp column (UTC)' },
    { name: 'window', type: 'string', required: true, valueName: 'SIZE', help: `window size: ${WINDOW_SIZES.join(', ')} (weeks start on Monday)` },
    { name: 'out', type: 'string', required: true, valueName: 'DIR', help: 'folder for timeline.json and one folder per window' },
    { name: 'actual', type: 'string', valueName: 'COLUMN', help: 'ground-truth column, for model quality per window (needs a baseline with model quality)' },
    { name: 'predicted', type: 'string', valueName: 'COLUMN', help: 'prediction column (with --actual)' },
    { name: 'probability', type: 'string', valueName: 'COLUMN', help: 'probability of class 1, for auc (BinaryClassification)' },
    ...clarifyFlagSpecs('needs a baseline with bias_baseline.json'),
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const window = flags.window as string;
    if (!(WINDOW_SIZES as readonly string[]).includes(window)) throw new UsageError(`--window must be one of ${WINDOW_SIZES.join(', ')}; got ${JSON.stringify(window)}`, HINT);
    if ((flags.actual === undefined) !== (flags.predicted === undefined)) throw new UsageError('give --actual and --predicted together', HINT);
    if (flags.probability !== undefined && flags.actual === undefined) throw new UsageError('--probability needs --actual and --predicted', HINT);
    const reading = loadOptionsFromFlags(flags, HINT);
    const baselineDir = flags.baseline as string;
    const baseline = await readBaseline(io, baselineDir);
    const dataPath = flags.data as string;
    const table = await load(io, dataPath, reading);
    const timeColumn = flags['time-column'] as string;
    requireColumn(table, timeColumn, '--time-column', dataPath);
    let quality: QualityColumns | undefined;
    if (flags.actual !== undefined) {
      if (!baseline.quality) throw new CliError(`--actual and --predicted need a baseline with model quality, but ${JSON.stringify(baselineDir)} has no ${BASELINE_FILES.qualityConstraints}; run 'mlpad monitor baseline' with --problem-type, --actual and --predicted`);
      quality = { problemType: problemTypeOf(baseline.quality), actual: flags.actual as string, predicted: flags.predicted as string, probability: flags.probability as string | undefined };
      qualityInput(table, quality, dataPath); // every row has ground truth and a prediction of the right kind, or a message naming the row
    }
    Object.assign(baseline, await readClarifyBaseline(io, baselineDir));
    const model = flags.model !== undefined ? await readModel(io, flags.model as string) : undefined;
    if (model && !baseline.attribution) throw new CliError(`--model needs a baseline with feature attributions, but ${JSON.stringify(baselineDir)} has no ${CLARIFY_FILES.attribution}; run 'mlpad monitor baseline' with --model`);
    let bias: BiasDriftConfig | undefined;
    if (wantsBias(flags)) {
      if (!baseline.bias) throw new CliError(`the bias flags need a baseline with bias metrics, but ${JSON.stringify(baselineDir)} has no ${CLARIFY_FILES.bias}; run 'mlpad monitor baseline' with --label, --label-values, --facet and --predicted-label`);
      bias = await biasConfig(flags, table, dataPath, HINT, model);
      if (baseline.bias.label !== bias.label || !baseline.bias.facets[bias.facet]) {
        throw new CliError(`${join(baselineDir, CLARIFY_FILES.bias)} holds label ${JSON.stringify(baseline.bias.label)} and facet ${Object.keys(baseline.bias.facets).map((f) => JSON.stringify(f)).join(', ')}; --label ${JSON.stringify(bias.label)} --facet ${JSON.stringify(bias.facet)} must match`);
      }
    }
    let result: TimelineResult;
    try {
      result = await runTimelineAsync(baseline, table, { timeColumn, window: window as WindowSize, quality, bias, attribution: model ? { model } : undefined }, (done, total) => {
        if (done === total || done % 10 === 0) io.stderr(`mlpad: window ${done}/${total}\n`);
      });
    } catch (e) {
      throw new CliError(`${dataPath}: ${(e as Error).message}`);
    }
    const out = flags.out as string;
    await writeWindows(io, out, result);
    await io.writeFile(join(out, 'timeline.json'), jsonText(timelineJson(result, baselineDir)));
    const empty = result.windows.filter((w) => w.rows === 0).length;
    const count = (w: TimelineWindow) => w.violations.length + (w.qualityViolations?.length ?? 0) + (w.biasViolations?.length ?? 0) + (w.attributionViolations?.length ?? 0);
    const flagged = result.windows.filter((w) => count(w) > 0).length;
    io.stdout(`${result.alerts.length} alert${result.alerts.length === 1 ? '' : 's'} in ${result.windows.length} windows (${flagged} with violations, ${empty} empty)\n`);
    for (const w of result.windows) {
      const n = count(w);
      io.stdout(`  ${w.label}  ${String(w.rows).padStart(7)} rows  ${w.rows === 0 ? 'empty' : `${n} violation${n === 1 ? '' : 's'}`}\n`);
    }
    if (result.undated > 0) io.stderr(`warning: ${result.undated} rows have no readable ${JSON.stringify(timeColumn)} and are in no window\n`);
    io.stderr(`mlpad: timeline → ${join(out, 'timeline.json')}\n`);
    return 0;
  },
};
