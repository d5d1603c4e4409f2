// SageMaker Autopilot's candidate definition notebook, for mlpad's best candidate: the data file read with
// pandas, the split rows and fitted encodings read from the files written beside the notebook, the model
// file applied in Python (the leaderboard's objective), the model retrained with the same rows and
// hyperparameters, then the best XGBoost candidate at scale: on a Dask cluster (xgboost.dask; a
// LocalCluster unless SCHEDULER_ADDRESS names a scheduler) and on SageMaker's built-in XGBoost (only with
// RUN_SAGEMAKER=1). Every figure is printed as a `MLPAD_RESULT {json}` line.
import type { LeaderboardEntry } from '../autopilot-api.ts';
import type { ObjectiveMetric } from '../objectives.ts';
import type { ProblemInference } from '../problem.ts';
import { md, notebookOf, py, type CellSource, type NotebookJson } from './notebook-json.ts';
import { readDataCode } from './python-data.ts';
import { encodingCode, objectiveCode } from './python-encoding.ts';
import { modelFileCode, modelHelpersCode, retrainCode } from './python-models.ts';

/** What the candidate notebook reads and says besides the candidate. */
export interface CandidateNotebookContext {
  /** The training data file, as a path the notebook can open (relative to the notebook's folder, or absolute). */
  dataFile: string;
  /** The separate test file, when the job had one; defaults to none (test rows come from dataFile). */
  testFile?: string;
  /** The split file (candidateData's split as JSON); defaults to 'split.json'. */
  splitFile?: string;
  /** The encodings file ({ candidate name: FeatureEncoding }); defaults to 'candidate-encodings.json'. */
  encodingFile?: string;
  /** The model file of `modelFileCandidate`; defaults to 'model.json'. */
  modelFile?: string;
  /** The candidate whose model file is `modelFile`; defaults to none (no model-file cells). */
  modelFileCandidate?: string;
  problem: ProblemInference;
  objective: ObjectiveMetric;
  /** The best XGBoost candidate, for the Dask and SageMaker sections; defaults to none (they are left out). */
  xgboost?: LeaderboardEntry;
  /** Sentences shown at the top (what differs from the leaderboard's best). */
  notes?: string[];
}

const TASK = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' } as const;

function checkArgs(best: LeaderboardEntry, context: CandidateNotebookContext): void {
  if (best === null || typeof best !== 'object' || typeof best.CandidateName !== 'string' || typeof best.HyperParameters !== 'object') {
    throw new TypeError('candidateNotebook: best must be a leaderboard entry (CandidateName, Algorithm, HyperParameters)');
  }
  if (context === null || typeof context !== 'object') throw new TypeError('candidateNotebook: context must be an object with dataFile, problem and objective');
  if (typeof context.dataFile !== 'string' || context.dataFile.trim() === '') throw new TypeError('candidateNotebook: context.dataFile must name the data file the notebook reads');
  if (!context.problem || !(context.problem.problemType in TASK)) throw new TypeError('candidateNotebook: context.problem must be the job\'s problem inference');
}

function setupCells(best: LeaderboardEntry, c: CandidateNotebookContext): CellSource[] {
  const files = {
    DATA_FILE: c.dataFile, TEST_FILE: c.testFile ?? null, SPLIT_FILE: c.splitFile ?? 'split.json',
    ENCODING_FILE: c.encodingFile ?? 'candidate-encodings.json', MODEL_FILE: c.modelFile ?? 'model.json',
  };
  return [
    { markdown: `# Candidate definition: ${md(best.CandidateName)}\n\n`
      + `mlpad Autopilot's candidate as a notebook (after SageMaker Autopilot's *SageMakerAutopilotCandidateDefinitionNotebook*): `
      + `**${md(best.Algorithm)}** for **${c.problem.problemType}** on target \`${md(c.problem.target)}\`, objective **${c.objective}**, `
      + `leaderboard test ${c.objective} **${best.TestObjective}**.\n\n`
      + 'The rows of each split are read from the split file, not re-drawn: mlpad wrote the row numbers its seeded, stratified splits chose. '
      + 'The encodings are the fitted ones (categories, target-encoding tables, scaling, imputation means), restated in Python.'
      + (c.notes && c.notes.length > 0 ? `\n\n${c.notes.map((n) => `- ${md(n)}`).join('\n')}` : '') },
    { code: `import os\nimport json\nimport numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n\n`
      + Object.entries(files).map(([k, v]) => `${k} = ${py(v)}`).join('\n')
      + `\nTARGET = ${py(c.problem.target)}\nTASK = ${py(TASK[c.problem.problemType])}\nOBJECTIVE = ${py(c.objective)}\n`
      + `CANDIDATE = ${py(best.CandidateName)}\nHP = ${py(best.HyperParameters)}\nLEADERBOARD_TEST_OBJECTIVE = ${py(best.TestObjective ?? null)}` },
    { markdown: '## Preprocessing\n\nmlpad\'s encodings in Python: numbers (standardized where the algorithm wants it), booleans as 0/1, datetimes as UTC date parts, '
      + 'one-hot categories, target encoding (m-estimate; training rows out of fold, from the folds mlpad used), hashed word n-grams (32-bit FNV-1a over UTF-8), '
      + 'then the training means for missing values where the algorithm needs every cell.' },
    { code: readDataCode() + encodingCode() + objectiveCode() },
    { code: 'with open(SPLIT_FILE) as f:\n    SPLIT = json.load(f)\nwith open(ENCODING_FILE) as f:\n    ENCODINGS = json.load(f)\n'
      + 'df = read_data(DATA_FILE)\ntest_df = read_data(TEST_FILE) if TEST_FILE else df\n'
      + 'train_df = df.iloc[SPLIT["train"]].reset_index(drop=True)\nvalid_df = df.iloc[SPLIT["validation"]].reset_index(drop=True)\ntest_df = test_df.iloc[SPLIT["test"]].reset_index(drop=True)\n'
      + 'FOLDS = np.asarray(SPLIT["target_folds"])\n\n\ndef matrices(encoding):\n'
      + '    """Train, validation and test features and labels for one candidate\'s encoding."""\n'
      + '    return (encode(train_df, encoding, FOLDS), labels_of(train_df, encoding), encode(valid_df, encoding), labels_of(valid_df, encoding),\n'
      + '            encode(test_df, encoding), labels_of(test_df, encoding))\n\n\n'
      + 'ENC = ENCODINGS[CANDIDATE]\nX_train, y_train, X_valid, y_valid, X_test, y_test = matrices(ENC)\n'
      + 'print(f"train {X_train.shape}, validation {X_valid.shape}, test {X_test.shape}; features: {ENC[\'featureNames\'][:8]}...")' },
  ];
}

function modelCells(best: LeaderboardEntry, c: CandidateNotebookContext): CellSource[] {
  const cells: CellSource[] = [{ markdown: `## The model: ${md(best.Algorithm)}` }, { code: modelHelpersCode() }];
  const fileCode = c.modelFileCandidate === best.CandidateName ? modelFileCode(best.Algorithm, best.CandidateName) : undefined;
  if (fileCode) {
    cells.push({ markdown: 'mlpad\'s model file applied in Python: the same model on the same features, so the objective is the leaderboard\'s (to float rounding).' });
    cells.push({ code: fileCode });
  }
  const how = best.Algorithm === 'xgboost'
    ? 'Native XGBoost with the same hyperparameters, tree_method hist and one thread: mlpad grows the same trees as native 1.7 when no rows or columns are sampled '
      + '(subsample and colsample_* at 1); with sampling the two draw different random rows, so the objective is close, not equal.'
    : `The scikit-learn equivalent with the same hyperparameters where they map (${best.Algorithm === 'knn' ? 'k' : 'learning rate, L2 weight decay, layer sizes, batch size, epochs'}): `
      + 'an approximation (other optimizers and initialisations; no dropout), so its objective is close to the leaderboard\'s, not equal.';
  cells.push({ markdown: `### Retrained in Python\n\n${how}` });
  cells.push({ code: retrainCode(best.Algorithm, best.CandidateName) });
  return cells;
}

function xgboostCells(xgbEntry: LeaderboardEntry, best: LeaderboardEntry, c: CandidateNotebookContext): CellSource[] {
  const same = xgbEntry.CandidateName === best.CandidateName;
  const sagemakerHp: Record<string, string> = {};
  for (const [k, v] of Object.entries(xgbEntry.HyperParameters)) if (v !== '' && !['tree_method', 'nthread', 'verbosity', 'booster'].includes(k) && !(k === 'num_class' && Number(v) < 2)) sagemakerHp[k] = v;
  const cells: CellSource[] = [
    { markdown: `## XGBoost beyond one machine: ${md(xgbEntry.CandidateName)}\n\n`
      + `${same ? 'The candidate above' : `The best XGBoost candidate (leaderboard test ${c.objective} ${xgbEntry.TestObjective})`}, trained on one machine, on a Dask cluster and on SageMaker.` },
    { code: `XGB_CANDIDATE = ${py(xgbEntry.CandidateName)}\nXGB_HP = ${py(xgbEntry.HyperParameters)}\nENC_XGB = ENCODINGS[XGB_CANDIDATE]\n`
      + 'Xg_train, yg_train, Xg_valid, yg_valid, Xg_test, yg_test = matrices(ENC_XGB)\nNAMES = ENC_XGB["featureNames"]\n'
      + 'booster = xgb_train(XGB_HP, Xg_train, yg_train, NAMES, Xg_valid, yg_valid)\n'
      + 'value = objective_score(OBJECTIVE, yg_test, **xgb_outputs(booster, Xg_test, NAMES, TASK))\n'
      + 'report("xgboost", XGB_CANDIDATE, value)\nprint(f"{OBJECTIVE} on the test split, XGBoost on one machine: {value:.6f}")' },
    { markdown: '### On a Dask cluster\n\n`xgboost.dask` trains the same parameters on a `dask.distributed` cluster: a `LocalCluster` of two one-thread workers by default, '
      + 'or the scheduler at the `SCHEDULER_ADDRESS` environment variable (e.g. `tcp://10.0.0.5:8786`) to scale out. Each worker holds its share of the rows and '
      + 'the workers combine their histograms, so the quantile sketch (and with it some split points) can differ from one machine: the objective is close, not equal. '
      + 'Here the encoded matrices are split into dask arrays; for data that does not fit one machine, read the file with `dask.dataframe.read_csv` and apply `encode` '
      + 'per partition with `map_partitions` (the fitted encoding is fixed; training rows need their `target_folds` column when a column is target-encoded).' },
    { code: 'import dask.array as da\nfrom dask.distributed import Client, LocalCluster\n\n'
      + 'SCHEDULER_ADDRESS = os.environ.get("SCHEDULER_ADDRESS")\n'
      + 'cluster = None if SCHEDULER_ADDRESS else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)\n'
      + 'client = Client(SCHEDULER_ADDRESS) if SCHEDULER_ADDRESS else Client(cluster)\n'
      + 'try:\n    half = (len(Xg_train) + 1) // 2\n'
      + '    dtrain = xgb.dask.DaskDMatrix(client, da.from_array(Xg_train, chunks=(half, Xg_train.shape[1])), da.from_array(yg_train, chunks=half), missing=np.nan, feature_names=NAMES)\n'
      + '    trained = xgb.dask.train(client, xgb_params(XGB_HP), dtrain, num_boost_round=int(XGB_HP["num_round"]))\n'
      + '    dtest = xgb.dask.DaskDMatrix(client, da.from_array(Xg_test, chunks=(max(1, (len(Xg_test) + 1) // 2), Xg_test.shape[1])), missing=np.nan, feature_names=NAMES)\n'
      + '    p = xgb.dask.predict(client, trained["booster"], dtest).compute()\n'
      + '    value = objective_score(OBJECTIVE, yg_test, **outputs_from(p, TASK))\n'
      + '    report("dask", XGB_CANDIDATE, value, workers=len(client.scheduler_info()["workers"]))\n'
      + '    print(f"{OBJECTIVE} on the test split, XGBoost on Dask: {value:.6f}")\n'
      + 'finally:\n    client.close()\n    if cluster is not None:\n        cluster.close()' },
    { markdown: '### On Amazon SageMaker\n\nThe same hyperparameters on SageMaker\'s built-in XGBoost (1.7-1) with the SageMaker Python SDK. It runs only with `RUN_SAGEMAKER=1` '
      + '(and AWS credentials, `SAGEMAKER_ROLE` or a notebook execution role, optionally `SAGEMAKER_BUCKET`); it uploads the encoded train and validation rows as CSV '
      + '(label first, no header, missing cells empty), as the built-in algorithm reads them.' },
    { code: `SAGEMAKER_HYPERPARAMETERS = ${py(sagemakerHp)}\n`
      + 'if os.environ.get("RUN_SAGEMAKER") == "1":\n'
      + '    import sagemaker\n    from sagemaker.estimator import Estimator\n    from sagemaker.inputs import TrainingInput\n\n'
      + '    session = sagemaker.Session()\n    region = session.boto_region_name\n'
      + '    role = os.environ.get("SAGEMAKER_ROLE") or sagemaker.get_execution_role()\n'
      + '    bucket = os.environ.get("SAGEMAKER_BUCKET") or session.default_bucket()\n    prefix = f"mlpad-autopilot/{XGB_CANDIDATE}"\n'
      + '    channels = {}\n    for channel, X, y in (("train", Xg_train, yg_train), ("validation", Xg_valid, yg_valid)):\n'
      + '        if len(X) == 0:\n            continue\n        path = f"{channel}.csv"\n'
      + '        pd.DataFrame(np.column_stack([y, X])).to_csv(path, header=False, index=False, na_rep="")\n'
      + '        channels[channel] = TrainingInput(session.upload_data(path, bucket=bucket, key_prefix=prefix), content_type="text/csv")\n'
      + '    estimator = Estimator(image_uri=sagemaker.image_uris.retrieve("xgboost", region, "1.7-1"), role=role, instance_count=1,\n'
      + '                          instance_type="ml.m5.xlarge", output_path=f"s3://{bucket}/{prefix}/output", sagemaker_session=session)\n'
      + '    estimator.set_hyperparameters(**SAGEMAKER_HYPERPARAMETERS)\n    estimator.fit(channels)\n'
      + 'else:\n    print("SageMaker training skipped: set RUN_SAGEMAKER=1 to launch it")' },
  ];
  return cells;
}

/** The candidate definition notebook reproducing `best` (a single model of xgboost, mlp, linear-learner or knn). */
export function candidateNotebook(best: LeaderboardEntry, context: CandidateNotebookContext): NotebookJson {
  checkArgs(best, context);
  const cells = [...setupCells(best, context), ...modelCells(best, context)];
  if (context.xgboost) cells.push(...xgboostCells(context.xgboost, best, context));
  return notebookOf(cells, 'candidate', `Candidate definition: ${best.CandidateName}`);
}
