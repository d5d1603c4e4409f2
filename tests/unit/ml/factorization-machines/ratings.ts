// Seeded synthetic user × item data for the factorization-machines tests: ratings (or clicks) from user and
// item biases plus a low-rank user·item interaction plus noise, one-hot encoded as the job runner would.
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

export interface Interactions {
  nUsers: number;
  nItems: number;
  users: Int32Array;
  items: Int32Array;
  /** Rating, or 0/1 click. */
  y: Float32Array;
}

export interface SyntheticOptions {
  nUsers: number;
  nItems: number;
  nRows: number;
  /** Rank of the user·item interaction. */
  rank: number;
  /** Standard deviation of each latent factor entry. */
  factorSd: number;
  /** Standard deviation of the user and the item biases. */
  biasSd: number;
  /** Regression: noise sd added to the rating; ignored for clicks. */
  noiseSd: number;
  /** Clicks (Bernoulli of the sigmoid of the score) instead of ratings. */
  binary?: boolean;
  /** Draw (user, item) pairs with replacement (repeated impressions, as in click logs) instead of distinct pairs. */
  repeatPairs?: boolean;
  seed: number;
}

function gaussian(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** (user, item) pairs, distinct unless `repeatPairs`, with their rating or click. */
export function synthetic(o: SyntheticOptions): Interactions {
  const rng = new SeededRandom(o.seed);
  const draw = (n: number, sd: number) => Float64Array.from({ length: n }, () => sd * gaussian(rng));
  const bu = draw(o.nUsers, o.biasSd), bi = draw(o.nItems, o.biasSd);
  const p = draw(o.nUsers * o.rank, o.factorSd), q = draw(o.nItems * o.rank, o.factorSd);
  const pairs = new Int32Array(Math.max(o.nRows, o.nUsers * o.nItems)).map((_, i) => i);
  for (let i = 0; i < o.nRows; i++) {
    if (o.repeatPairs) {
      pairs[i] = rng.nextInt(o.nUsers * o.nItems);
      continue;
    }
    const j = i + rng.nextInt(o.nUsers * o.nItems - i);
    const t = pairs[i]; pairs[i] = pairs[j]; pairs[j] = t;
  }
  const users = new Int32Array(o.nRows), items = new Int32Array(o.nRows), y = new Float32Array(o.nRows);
  for (let r = 0; r < o.nRows; r++) {
    const u = Math.floor(pairs[r] / o.nItems), it = pairs[r] % o.nItems;
    let s = bu[u] + bi[it];
    for (let f = 0; f < o.rank; f++) s += p[u * o.rank + f] * q[it * o.rank + f];
    users[r] = u; items[r] = it;
    y[r] = o.binary ? (rng.next() < 1 / (1 + Math.exp(-s)) ? 1 : 0) : 3 + s + o.noiseSd * gaussian(rng);
  }
  return { nUsers: o.nUsers, nItems: o.nItems, users, items, y };
}

/** Rows `rows` of `d` one-hot encoded as columns user=0…, item=0… (columnar float32), labels y. */
export function oneHot(d: Interactions, rows: ArrayLike<number>): FitData {
  const n = rows.length;
  const cols = Array.from({ length: d.nUsers + d.nItems }, () => new Float32Array(n));
  const labels = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    cols[d.users[rows[r]]][r] = 1;
    cols[d.nUsers + d.items[rows[r]]][r] = 1;
    labels[r] = d.y[rows[r]];
  }
  const featureNames = [...Array.from({ length: d.nUsers }, (_, u) => `user=${u}`), ...Array.from({ length: d.nItems }, (_, i) => `item=${i}`)];
  return { features: cols, nRows: n, nCols: cols.length, featureNames, labels };
}

/** The first `share` of rows for training, the rest for testing (the pairs are already in random order). */
export function split(d: Interactions, share: number): { train: Int32Array; test: Int32Array } {
  const cut = Math.round(d.y.length * share);
  const all = new Int32Array(d.y.length).map((_, i) => i);
  return { train: all.subarray(0, cut), test: all.subarray(cut) };
}

/** The baseline a factorization machine must beat: the user's mean training rating plus the item's mean residual. */
export function userMeanItemBias(d: Interactions, train: ArrayLike<number>, test: ArrayLike<number>): Float32Array {
  let global = 0;
  const uSum = new Float64Array(d.nUsers), uCount = new Float64Array(d.nUsers);
  for (let t = 0; t < train.length; t++) {
    const r = train[t];
    global += d.y[r]; uSum[d.users[r]] += d.y[r]; uCount[d.users[r]]++;
  }
  global /= train.length;
  const userMean = (u: number) => (uCount[u] > 0 ? uSum[u] / uCount[u] : global);
  const iSum = new Float64Array(d.nItems), iCount = new Float64Array(d.nItems);
  for (let t = 0; t < train.length; t++) {
    const r = train[t];
    iSum[d.items[r]] += d.y[r] - userMean(d.users[r]); iCount[d.items[r]]++;
  }
  return Float32Array.from(test, (r) => userMean(d.users[r]) + (iCount[d.items[r]] > 0 ? iSum[d.items[r]] / iCount[d.items[r]] : 0));
}
