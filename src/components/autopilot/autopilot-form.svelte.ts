// The Autopilot form's state, kept by the studio across visits to the view.
import { defaultSetup, type AutopilotSetup } from './autopilot-form.ts';

export class AutopilotForm {
  setup = $state<AutopilotSetup>(defaultSetup());
  /** The dataset the target was chosen for (a new dataset picks the target again). */
  datasetId: number | undefined = undefined;
}
