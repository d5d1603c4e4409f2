// What the playground's controls hold, kept outside the view so that leaving it and coming back finds
// the same picture.
import { SvelteSet } from 'svelte/reactivity';

export class PlaygroundForm {
  /** Supervised algorithm to train (a registry name). */
  algorithm = $state('mlp');
  /** The two numeric feature columns drawn on x and y; '' until chosen. */
  x = $state('');
  y = $state('');
  /** Hyperparameter text by name, as typed. */
  values = $state<Record<string, string>>({});
  /** Hyperparameters the user typed. */
  touched = new SvelteSet<string>();
  /** loadId of the dataset the choices were made for; null before the first. */
  datasetId: number | null = null;
}
