// The files Autopilot's notebooks make in the job's output folder, by name: the two notebooks under
// SageMaker's names, and the split and encodings files the candidate notebook reads beside them.
import type { Table } from 'apache-arrow';
import type { AutopilotResult } from '../autopilot-api.ts';
import type { DataExplorationReport } from '../exploration.ts';
import { candidateData } from './candidate-data.ts';
import { candidateNotebook } from './candidate-notebook.ts';
import { explorationNotebook } from './exploration-notebook.ts';

/** SageMaker Autopilot's name of the data exploration notebook. */
export const EXPLORATION_NOTEBOOK = 'SageMakerAutopilotDataExplorationNotebook.ipynb';

/** SageMaker Autopilot's name of the candidate definition notebook. */
export const CANDIDATE_NOTEBOOK = 'SageMakerAutopilotCandidateDefinitionNotebook.ipynb';

/** The split rows the candidate notebook reads. */
export const SPLIT_FILE = 'split.json';

/** The fitted encodings the candidate notebook reads. */
export const ENCODINGS_FILE = 'candidate-encodings.json';

/** The model file the candidate notebook applies (the name `mlpad autopilot` writes the best model under). */
export const MODEL_FILE = 'model.json';

const json = (v: unknown) => JSON.stringify(v, null, 1) + '\n';

/** The exploration notebook's file (name → text), reading `dataFile` (a path as seen from the output folder). */
export function explorationNotebookFiles(report: DataExplorationReport, dataFile: string): Record<string, string> {
  return { [EXPLORATION_NOTEBOOK]: json(explorationNotebook(report, dataFile)) };
}

/** Options of candidateNotebookFiles. */
export interface CandidateNotebookFilesOptions {
  /** The training data file as seen from the output folder. */
  dataFile: string;
  /** The separate test table and its file (as seen from the output folder); defaults to none. */
  test?: { table: Table; file: string };
  /** The job's seed; defaults to 0. */
  seed?: number;
}

/**
 * The candidate notebook and its data files (name → text) for the finished job `result` on `table`, or an
 * empty object with a reason when no finished candidate can be reproduced in Python.
 */
export function candidateNotebookFiles(table: Table, result: AutopilotResult, options: CandidateNotebookFilesOptions): { files: Record<string, string>; skipped?: string } {
  let data;
  try {
    data = candidateData(table, result, { ...(options.test ? { test: options.test.table } : {}), seed: options.seed ?? 0 });
  } catch (e) {
    if (e instanceof RangeError) return { files: {}, skipped: e.message };
    throw e;
  }
  const notebook = candidateNotebook(data.candidate, {
    dataFile: options.dataFile, ...(options.test ? { testFile: options.test.file } : {}),
    splitFile: SPLIT_FILE, encodingFile: ENCODINGS_FILE, modelFile: MODEL_FILE,
    ...(data.modelFileCandidate ? { modelFileCandidate: data.modelFileCandidate } : {}),
    problem: result.Problem, objective: result.Objective.MetricName, ...(data.xgboost ? { xgboost: data.xgboost } : {}), notes: data.notes,
  });
  return { files: { [CANDIDATE_NOTEBOOK]: json(notebook), [SPLIT_FILE]: JSON.stringify(data.split) + '\n', [ENCODINGS_FILE]: json(data.encodings) } };
}
