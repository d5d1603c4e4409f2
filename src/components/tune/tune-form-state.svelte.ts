// What the Tune form holds, kept outside the view so that leaving the Tune view and coming back finds the
// job as the user left it.
import type { TuneSetup } from './tune-form.ts';

/** A new form: xgboost, Bayesian, 10 jobs, 2 at a time, no early stopping, seed 0; ranges follow the algorithm. */
export function defaultTuneSetup(algorithm = 'xgboost'): TuneSetup {
  return {
    algorithm, target: '', objective: '', strategy: 'Bayesian', ranges: [], maxJobs: '10', maxParallel: '2', earlyStopping: 'Off', warmStart: 'none',
    targetValue: '', notImproving: '', maxRuntime: '', seed: '0', minResource: '1', maxResource: '',
  };
}

export class TuneForm {
  setup = $state<TuneSetup>(defaultTuneSetup());
  /** The algorithm (and strategy) the ranges were made for; another starts from its own presets. */
  rangesFor = '';
  /** loadId of the dataset the form was set up for; null before the first. */
  datasetId: number | null = null;
}
