// Where a tree grower's logistic gradients live: in the WebAssembly kernel's memory, computed by its
// `grad` function (gradient-wasm.ts) in any thread, or, without WebAssembly, in shared arrays that the pool's
// threads fill with the JS kernel. Either way boostSteps reads margins and gradients from them.
import { sharedArray } from '../parallel/histogram-pool.ts';
import type { GradientInputs } from '../parallel/histogram-kernel.ts';
import type { WasmHistogramSetup } from '../parallel/histogram-wasm.ts';

/**
 * A single-output logistic objective's labels, weights (defaults to none) and scale_pos_weight: the grower
 * then computes its gradients itself (TreeGrower.gradients, poolGradients), in WebAssembly or on its threads.
 */
export interface GradientSpec { labels: Float32Array; weights?: Float32Array; scalePosWeight: number }

/**
 * The gradient inputs for `spec`, labels, weights and scale_pos_weight filled in: the kernel's (`wasm`,
 * made with gradients) when it has them, else new shared arrays when `shared` (for pool threads), else none.
 */
export function gradientInputs(spec: GradientSpec, wasm: WasmHistogramSetup | null, shared: boolean, nRows: number): GradientInputs | undefined {
  const sh = (len: number) => sharedArray(Float32Array, len, true);
  const g = wasm?.gradients ?? (shared
    ? { margins: sh(nRows), labels: sh(nRows), weights: sh(spec.weights ? nRows : 0), grad: sh(nRows), hess: sh(nRows), params: sh(1) }
    : undefined);
  if (!g) return undefined;
  g.labels.set(spec.labels);
  if (spec.weights) g.weights.set(spec.weights);
  g.params[0] = spec.scalePosWeight;
  return g;
}
