// The drift measures beyond Model Monitor's distance as the Monitor view shows them: the heatmap's measures
// with their honest colour domains, each cell's value, and the numbers of the window detail's table.
import type { MonitorRun, MonitorWindow } from '../../lib/engine/monitor-engine-api.ts';
import type { FeatureDrift } from '../../lib/monitor/drift-metrics.ts';
import { formatShort, MISSING } from '../format.ts';

export type HeatMeasure = 'distance' | 'psi' | 'js' | 'ks' | 'wasserstein';

export interface HeatMeasureInfo {
  id: HeatMeasure;
  /** The picker's option and the legend's title. */
  label: string;
  /** Short name for a cell's title, e.g. "PSI". */
  short: string;
  /** Upper end of the colour scale; null: from the data (the distance, whose threshold sets it). */
  max: number | null;
  /** What the legend adds about values above `max`, or about the scale. */
  legendNote: string;
  /** Marks on the legend. */
  marks: { value: number; label: string }[];
  /** One sentence under the chart's title. */
  note: string;
}

export const HEAT_MEASURES: readonly HeatMeasureInfo[] = [
  { id: 'distance', label: 'Model Monitor distance', short: 'distance', max: null, legendNote: '', marks: [],
    note: 'L-infinity distance between each window’s distribution and the baseline’s (CDFs, or category frequencies); outlined cells have a violation.' },
  { id: 'psi', label: 'PSI', short: 'PSI', max: 0.5, legendNote: 'values above 0.5 drawn as 0.5', marks: [{ value: 0.1, label: '0.1' }, { value: 0.25, label: '0.25' }],
    note: 'Population stability index over 10 quantile bins of the baseline: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major one; outlined cells have a violation.' },
  { id: 'js', label: 'JS distance', short: 'JS distance', max: 1, legendNote: '0 same histogram, 1 disjoint', marks: [],
    note: 'Jensen-Shannon distance (base 2) between the window’s and the baseline’s histograms on the same bins; outlined cells have a violation.' },
  { id: 'ks', label: 'KS statistic', short: 'KS statistic', max: 1, legendNote: 'largest gap between the two CDFs', marks: [],
    note: 'Two-sample Kolmogorov-Smirnov statistic: the largest gap between the window’s and the baseline’s CDFs (numbers only); outlined cells have a violation.' },
  { id: 'wasserstein', label: 'Wasserstein (scaled by the baseline’s standard deviation)', short: 'Wasserstein ÷ baseline sd', max: 1, legendNote: 'values above 1 drawn as 1', marks: [],
    note: 'Wasserstein distance divided by the baseline’s standard deviation, so features of any scale compare (numbers only); outlined cells have a violation.' },
];

export function measureInfo(id: HeatMeasure): HeatMeasureInfo {
  return HEAT_MEASURES.find((m) => m.id === id) ?? HEAT_MEASURES[0];
}

/** Whether any window of `run` has the measures beyond Model Monitor (a baseline of rows). */
export function hasDriftMeasures(run: MonitorRun): boolean {
  return run.windows.some((w) => w.drift !== undefined);
}

/** Each numeric feature's baseline standard deviation (population), from statistics.json. */
export function baselineSd(run: MonitorRun): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of run.baseline.statistics.features) if (f.numerical_statistics) out.set(f.name, f.numerical_statistics.std_dev);
  return out;
}

/** The value of `measure` for `feature` in window `w`; null where it does not apply or was not computed. */
export function measureValue(w: MonitorWindow, feature: string, measure: HeatMeasure, sd: Map<string, number>): number | null {
  if (measure === 'distance') return w.distances[feature] ?? null;
  const d = w.drift?.find((f) => f.name === feature);
  if (!d) return null;
  if (measure === 'psi') return d.psi;
  if (measure === 'js') return d.js_distance;
  if (measure === 'ks') return d.ks_statistic;
  const s = sd.get(feature);
  return d.wasserstein === null || s === undefined || !(s > 0) ? null : d.wasserstein / s;
}

/** Why a cell has no value, for its title. */
export function missingReason(w: MonitorWindow, feature: string, measure: HeatMeasure): string {
  if (w.rows === 0) return 'no rows in this window';
  if (measure === 'distance') return 'not comparable';
  const d = w.drift?.find((f) => f.name === feature);
  if (!d) return 'needs a baseline of rows';
  if (measure === 'wasserstein' && d.wasserstein !== null) return 'the baseline’s standard deviation is 0';
  return d.note ?? 'not computed';
}

/** A measure as the detail table writes it: 3 significant digits, MISSING for null. */
export function formatMeasure(v: number | null): string {
  return v === null ? MISSING : formatShort(Number(v.toPrecision(3)));
}

/** A p-value: "< 0.001" below 0.001, else 3 significant digits. */
export function formatPValue(p: number | null): string {
  return p === null ? MISSING : p < 0.001 ? '< 0.001' : formatShort(Number(p.toPrecision(3)));
}

/** The binning line under the table, with the epsilon the window's entries state. */
export function binningLine(drift: readonly FeatureDrift[]): string {
  const epsilon = drift.find((f) => f.binning)?.binning?.epsilon ?? 1e-4;
  return `Binning: numbers in 10 quantile bins of the baseline (fewer where quantiles coincide), text one bin per category; PSI counts an empty bin as ${epsilon.toExponential()}; JS distance uses base-2 logs.`;
}
