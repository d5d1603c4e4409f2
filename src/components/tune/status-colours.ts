// One colour per trial status, shared by the charts, the table and their legends.
import type { TrainingJobStatus } from '../../lib/tune/tuning-job-api.ts';

export const STATUS_COLOUR: Record<TrainingJobStatus, string> = {
  Completed: '#3b73d6',
  InProgress: '#8e5ccf',
  Stopped: '#f2a541',
  Failed: '#e4572e',
};

export const STATUS_ORDER: readonly TrainingJobStatus[] = ['Completed', 'InProgress', 'Stopped', 'Failed'];
