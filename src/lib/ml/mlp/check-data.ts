// Hyperparameters against the job's data: predictor_type must train the target's task, and
// normalize_label only means something for a regressor.
import { HyperparameterError, type DataFacts } from '../estimator.ts';
import { predictorTypeOf, type MlpParams } from './params.ts';

/** Throws HyperparameterError naming the parameter that does not fit `facts`. */
export function checkMlpData(params: MlpParams, facts: DataFacts): void {
  if (!facts.task) {
    throw new HyperparameterError('predictor_type', 'mlp is supervised: choose a target column (binary, multiclass or regression)');
  }
  const want = predictorTypeOf(facts.task);
  if (params.predictor_type && params.predictor_type !== want) {
    throw new HyperparameterError('predictor_type',
      `predictor_type ${params.predictor_type} does not fit this ${facts.task} target; use ${want} (or leave predictor_type unset to follow the task)`);
  }
  if (facts.task === 'multiclass' && facts.classes && facts.classes.length < 2) {
    throw new HyperparameterError('predictor_type', `multiclass_classifier needs at least 2 classes; the target has ${facts.classes.length}`);
  }
  if (want !== 'regressor' && !params.normalize_label) {
    throw new HyperparameterError('normalize_label', `normalize_label applies only to predictor_type regressor; a ${want} trains on class indices, so leave it true`);
  }
}
