import { describe, expect, it } from 'vitest';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import { KNN_SCHEMA, resolveKnnParams } from '../../../../src/lib/ml/knn/knn-params.ts';

function refusal(raw: Record<string, string | number>): HyperparameterError {
  try {
    resolveKnnParams(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(HyperparameterError);
    return e as HyperparameterError;
  }
  throw new Error(`resolveKnnParams(${JSON.stringify(raw)}) did not throw`);
}

describe('resolveKnnParams', () => {
  it('defaults k to 5, L2, faiss.Flat, no reduction, every row, batches of 5000, seed 0', () => {
    expect(resolveKnnParams({})).toEqual({
      k: 5, predictor_type: null, sample_size: null, dimension_reduction_type: 'none', dimension_reduction_target: null,
      index_type: 'faiss.Flat', index_metric: 'L2', feature_dim: null, mini_batch_size: 5000, seed: 0,
    });
  });

  it('parses SageMaker string values', () => {
    const p = resolveKnnParams({ k: '7', predictor_type: 'regressor', sample_size: '100', dimension_reduction_type: 'fjlt',
      dimension_reduction_target: '3', index_metric: 'COSINE', feature_dim: '10', mini_batch_size: '64', seed: '9' });
    expect(p).toMatchObject({ k: 7, predictor_type: 'regressor', sample_size: 100, dimension_reduction_type: 'fjlt',
      dimension_reduction_target: 3, index_metric: 'COSINE', feature_dim: 10, mini_batch_size: 64, seed: 9 });
  });

  it('lists every SageMaker k-NN hyperparameter under its SageMaker name', () => {
    const names = KNN_SCHEMA.map((s) => s.name);
    for (const n of ['k', 'predictor_type', 'sample_size', 'dimension_reduction_type', 'dimension_reduction_target', 'index_type',
      'index_metric', 'faiss_index_ivf_nlists', 'faiss_index_pq_m', 'feature_dim', 'mini_batch_size']) expect(names).toContain(n);
    for (const s of KNN_SCHEMA) expect(s.sagemakerName).toBe(s.name);
  });

  it('refuses k = 0 with its range', () => {
    expect(refusal({ k: 0 }).message).toBe('k must be an integer in [1, ∞); got 0');
  });

  it('refuses the IVF index types with a sentence', () => {
    const e = refusal({ index_type: 'faiss.IVFPQ' });
    expect(e.parameter).toBe('index_type');
    expect(e.message).toMatch(/^index_type faiss\.IVFPQ is not available: mlpad builds faiss\.Flat only/);
    expect(refusal({ index_type: 'faiss.IVFFlat' }).parameter).toBe('index_type');
  });

  it('accepts faiss_index_ivf_nlists "auto" (SageMaker\'s default) and refuses a number', () => {
    expect(resolveKnnParams({ faiss_index_ivf_nlists: 'auto' }).index_type).toBe('faiss.Flat');
    const e = refusal({ faiss_index_ivf_nlists: 16 });
    expect(e.parameter).toBe('faiss_index_ivf_nlists');
    expect(e.message).toMatch(/which mlpad does not build/);
  });

  it('refuses faiss_index_pq_m', () => {
    expect(refusal({ faiss_index_pq_m: 8 }).parameter).toBe('faiss_index_pq_m');
  });

  it('requires dimension_reduction_target with a reduction, and a reduction with a target', () => {
    const e = refusal({ dimension_reduction_type: 'sign' });
    expect(e.parameter).toBe('dimension_reduction_target');
    expect(e.message).toMatch(/required when dimension_reduction_type is sign/);
    expect(refusal({ dimension_reduction_target: 4 }).message).toMatch(/needs dimension_reduction_type sign or fjlt/);
  });

  it('refuses an unknown predictor_type with a hint', () => {
    expect(refusal({ predictor_type: 'clasifier' }).message).toBe(
      'predictor_type must be one of classifier, regressor; got "clasifier" (did you mean "classifier"?)');
  });
});
