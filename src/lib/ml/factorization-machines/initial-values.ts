// Start values of a parameter group: SageMaker's normal (mean 0, sd sigma), uniform (±scale) or constant,
// drawn from the seeded stream so that a seed gives the same model everywhere.
import type { SeededRandom } from '../random.ts';
import type { InitSettings } from './params.ts';

/** `count` start values. Normal draws use Box–Muller on pairs of uniforms. */
export function initialValues(s: InitSettings, count: number, rng: SeededRandom): Float32Array {
  const out = new Float32Array(count);
  switch (s.method) {
    case 'constant':
      out.fill(s.value);
      break;
    case 'uniform':
      for (let i = 0; i < count; i++) out[i] = (2 * rng.next() - 1) * s.scale;
      break;
    case 'normal':
      for (let i = 0; i < count; i += 2) {
        const r = Math.sqrt(-2 * Math.log(1 - rng.next())) * s.sigma;
        const a = 2 * Math.PI * rng.next();
        out[i] = r * Math.cos(a);
        if (i + 1 < count) out[i + 1] = r * Math.sin(a);
      }
      break;
  }
  return out;
}
