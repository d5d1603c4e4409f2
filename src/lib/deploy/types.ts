// The deployment step's shared types: a model made ready to answer requests (deploy-model.ts), the
// request and response shapes of SageMaker's inference containers (payload.ts, response.ts), batch
// transform's options (transform.ts), and what an endpoint, a shadow test and a traffic shift report
// (endpoint.ts, shadow.ts, rollout.ts). The studio's Deploy view and the CLI (`mlpad transform`,
// `mlpad serve`) both go through these.
import type { EstimatorKind, Task } from '../ml/estimator.ts';

/** Media types a request body may have (SageMaker's built-in algorithms accept these). */
export type RequestContentType = 'text/csv' | 'application/json' | 'application/jsonlines';

/** Media types a response may be written in. */
export type ResponseContentType = 'text/csv' | 'application/json' | 'application/jsonlines';

/** An HTTP-like request to a model or endpoint. */
export interface InferenceRequest {
  /** The request body as text (UTF-8). */
  body: string;
  /** The Content-Type header; parameters such as `; charset=utf-8` or `; label_size=1` are allowed. */
  contentType: string;
  /** The Accept header; defaults to the algorithm's default (application/json, text/csv for xgboost). */
  accept?: string;
  /** TargetVariant: send to this production variant, bypassing the weights; defaults to weighted routing. */
  targetVariant?: string;
}

/**
 * One row's answer in SageMaker's field names. Which fields are present depends on the algorithm:
 * `score` (xgboost, linear-learner, factorization-machines, mlp, randomcutforest: a number, or the class
 * probabilities of a multiclass model), `predicted_label` (classifiers, knn), `closest_cluster` and
 * `distance_to_cluster` (kmeans), `projection` (pca).
 */
export interface PredictionRecord {
  score?: number | number[];
  predicted_label?: number | string;
  closest_cluster?: number;
  distance_to_cluster?: number;
  projection?: number[];
}

/** A response as an endpoint sends it. */
export interface InferenceResponse {
  /** 200 for an answer; 4xx with `body` the message for a bad request; 5xx when the model failed. */
  status: number;
  body: string;
  contentType: string;
  /** The rows' answers (also for a CSV body), for comparisons and charts; empty for an error. */
  records: PredictionRecord[];
}

/** What the studio and `mlpad serve` know about a model ready to answer requests. */
export interface DeployModelFacts {
  /** Registry name, e.g. 'xgboost'. */
  algorithm: string;
  kind: EstimatorKind;
  /** Supervised task, when the model says. */
  task?: Task;
  /** The raw input columns a request row holds, in the order a headerless CSV row gives them. */
  inputs: DeployInput[];
  /** Class labels in index order (classifiers), when the model says. */
  classes?: string[];
  /** The column the model was trained to predict, when it says. */
  target?: string;
  /** The fields each PredictionRecord of this model holds, e.g. ['score', 'predicted_label']. */
  fields: (keyof PredictionRecord)[];
  /** The Accept used when a request names none. */
  defaultAccept: ResponseContentType;
}

/** One input column of a deployed model (the what-if form draws a control per input). */
export interface DeployInput {
  name: string;
  /** 'number' (numeric, boolean as 0/1, datetime as ISO text or epoch seconds) or 'category'. */
  type: 'number' | 'category';
  /** Category inputs: the values the model knows. */
  categories?: string[];
}

/** Batch transform's options, with SageMaker's names. */
export interface TransformOptions {
  /** 'Line': one record per line (CSV rows, JSON Lines); 'None': the whole file is one request; defaults to 'Line'. */
  splitType?: 'Line' | 'None';
  /** Output format; defaults to 'text/csv'. */
  accept?: ResponseContentType;
  /** 'Input': each output row is the input row joined to its prediction; 'None': the prediction alone; defaults to 'None'. */
  joinSource?: 'Input' | 'None';
  /** JSONPath-style selection of the input columns the model sees, e.g. "$[1:]" or "$['age','income']"; defaults to "$" (all). */
  inputFilter?: string;
  /** JSONPath-style selection of the output columns, e.g. "$[0,-1]" or "$['id','score']"; defaults to "$" (all). */
  outputFilter?: string;
  /** Rows scored per model call; defaults to 65,536. */
  batchRows?: number;
}

/** What a batch transform did, for the report beside its output. */
export interface TransformReport {
  rows: number;
  /** Input columns the model needs that the data lacks (scored as missing values), by name. */
  missingColumns: string[];
  /** Data columns the model does not read (passed through with join_source Input, else dropped), by name. */
  extraColumns: string[];
  /** Rows that could not be scored, with why (at most 100 listed); they get an empty prediction. */
  rowErrors: { row: number; message: string }[];
  /** Sentences for the user. */
  notes: string[];
  ms: number;
}

/** A production variant of an endpoint. */
export interface VariantConfig {
  /** VariantName, e.g. 'AllTraffic' or 'variant-b'. */
  name: string;
  /** InitialVariantWeight: share of traffic relative to the other variants' weights (≥ 0). */
  weight: number;
}

/** Per variant, what CloudWatch would show for an endpoint. */
export interface VariantStats {
  name: string;
  weight: number;
  invocations: number;
  /** 4xx answers. */
  clientErrors: number;
  /** 5xx answers. */
  serverErrors: number;
  /** ModelLatency in ms: mean and percentiles over the answered requests; null before any. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number } | null;
}
