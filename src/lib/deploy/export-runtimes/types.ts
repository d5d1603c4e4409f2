// What the exporter needs from each algorithm: the JavaScript text of its inference, and the model's
// parameters as JSON data for that text to read.

/**
 * One algorithm's part of an exported module. `source` is plain JavaScript (no imports) defining
 * `inferRows(X)`: X is an array of Float32Array feature rows (encoded, missing values filled), and the
 * result one SageMaker-style record per row. It may read `P` (what `params` returned), `f` (Math.fround),
 * `dotBlocked`, `classRecord`, `b64f32` and `b64i32` from the common runtime.
 */
export interface ExportRuntime<M> {
  source: string;
  /** The model's parameters that `source` reads as `P`; JSON-able. */
  params(model: M): unknown;
  /** Whether rows must hold finite numbers in every feature after imputation (as the algorithm's infer requires). */
  needsFinite: boolean;
  /** Whether `inferRows` scores rows together (randomcutforest shingles): predict(row) then refuses models that need several rows; defaults to false. */
  sequential?(model: M): boolean;
}
