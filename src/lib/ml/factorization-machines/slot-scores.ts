// The factorization machine's score of a slot batch in O(slots · k) (Rendle 2010, eq. 5):
//   Σ_{i<j} ⟨vᵢ, vⱼ⟩ xᵢxⱼ = ½ Σ_f [ (Σᵢ v_{i,f} xᵢ)² − Σᵢ v_{i,f}² xᵢ² ]
// with parameter rows gathered from an n × (k + 1) table E (row i = [vᵢ, wᵢ]). Both sums run over all
// k + 1 columns as batched matrix products, s = xᵀE and q = (x²)ᵀ(E²); the score then weighs the columns:
// ½(s² − q) for the k factor columns and s for the linear one. No slicing of the gathered tensor, no
// reductions over a middle axis: those are slow on the tfjs cpu backend. Call inside tf.tidy.
import * as tf from '@tensorflow/tfjs';

/** What the gradient reuses of a batch's forward pass. */
export interface SlotTerms {
  /** [rows, width, k + 1]: the gathered table rows. */
  rowsE: tf.Tensor3D;
  /** [rows, k + 1]: s = Σ over a row's slots of x · E (its last column is Σ wᵢxᵢ). */
  sums: tf.Tensor2D;
  /** [rows]: Σ wᵢxᵢ + the pairwise interactions, without the bias w0. */
  score: tf.Tensor1D;
}

/** [k + 1] column weights: 1 for the k factor columns, 0 for the linear one. */
export function factorColumns(k: number): tf.Tensor1D {
  const a = new Float32Array(k + 1).fill(1);
  a[k] = 0;
  return tf.tensor1d(a);
}

/**
 * Terms of rows × width slots: `pos` [rows, width] int32 rows of `table` ([m, k + 1]); `x` [rows, width]
 * their values (0 in unused slots).
 */
export function slotTerms(table: tf.Tensor2D, pos: tf.Tensor2D, x: tf.Tensor2D, k: number): SlotTerms {
  const [rows, width] = pos.shape;
  const rowsE = tf.gather(table, pos) as unknown as tf.Tensor3D;
  const x3 = tf.reshape(x, [rows, 1, width]);
  const sums = tf.reshape(tf.matMul(x3, rowsE), [rows, k + 1]) as tf.Tensor2D;
  const squares = tf.reshape(tf.matMul(tf.square(x3), tf.square(rowsE)), [rows, k + 1]);
  const halfPairs = tf.mul(factorColumns(k), 0.5);
  const linear = tf.sub(1, factorColumns(k));
  const score = tf.add(tf.matMul(tf.sub(tf.square(sums), squares), tf.reshape(halfPairs, [k + 1, 1])),
    tf.matMul(sums, tf.reshape(linear, [k + 1, 1])));
  return { rowsE, sums, score: tf.reshape(score, [rows]) as tf.Tensor1D };
}
