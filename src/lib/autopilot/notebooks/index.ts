// Autopilot's notebooks: the data exploration notebook and the candidate definition notebook, with the
// data files (split rows, encodings) the candidate notebook reads.
export { explorationNotebook } from './exploration-notebook.ts';
export { candidateNotebook, type CandidateNotebookContext } from './candidate-notebook.ts';
export { candidateData, NOTEBOOK_ALGORITHMS, type CandidateData, type CandidateDataOptions, type SplitFile } from './candidate-data.ts';
export { notebookOf, type CellSource, type NotebookCell, type NotebookJson } from './notebook-json.ts';
export { CANDIDATE_NOTEBOOK, candidateNotebookFiles, ENCODINGS_FILE, EXPLORATION_NOTEBOOK, explorationNotebookFiles, MODEL_FILE, SPLIT_FILE, type CandidateNotebookFilesOptions } from './notebook-files.ts';
