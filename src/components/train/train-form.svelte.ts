// What the training form holds, kept outside the view so that leaving the Train view and coming back
// finds the job as the user left it.
import { SvelteSet } from 'svelte/reactivity';
import { defaultSetup, type JobSetup } from './job-setup.ts';

export class TrainForm {
  setup = $state<JobSetup>(defaultSetup('xgboost', ''));
  /** Hyperparameter text by name, as typed. */
  values = $state<Record<string, string>>({});
  /** Hyperparameters the user typed in; task changes leave them alone. */
  touched = new SvelteSet<string>();
  /** loadId of the dataset the setup was made for; null before the first. */
  datasetId: number | null = null;
  /** The algorithm `values` belong to; another algorithm starts from its own defaults. */
  algorithm: string;

  /** Hyperparameters from a link, applied (as typed) once the first dataset's form is set up; null after. */
  pending: Record<string, string> | null;

  constructor(algorithm: string, hyperparameters: Record<string, string> | null = null) {
    this.setup = defaultSetup(algorithm, '');
    this.algorithm = algorithm;
    this.pending = hyperparameters;
  }

  /** The typed values, for the link. */
  typed(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.touched) if (this.values[k] !== undefined) out[k] = this.values[k];
    return out;
  }
}
