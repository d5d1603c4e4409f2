// Generates public/samples/loan-applications.csv: a year of daily loan applications (2024) scored by a fixed
// model, with drift planted at known dates so Model Monitor has something real to find:
// - income (+8% a month) and loan_amount (+10% a month) shift upward from July;
// - credit_score goes missing more often from September (2% before, +6 points a month after);
// - purpose gains a new value, crypto, from October; the online channel's share rises all year;
// - the world changes in Q4 (approvals tighten for online and crypto applications), so the fixed model,
//   fitted to the first half's rules, loses accuracy there.
// Run: npx tsx scripts/samples/make-loan-applications.ts [--seed S] [--out FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/lib/ml/random.ts';

/** Options for makeLoanApplications. */
export interface LoanApplicationsOptions {
  /** PRNG seed; defaults to 20241231. The same seed always gives the same file. */
  seed?: number;
}

/** The first month (1-12) of each planted change; exported so docs and tests can cite them. */
export const DRIFT_FROM = { incomeAndLoan: 7, creditMissing: 9, crypto: 10, conceptQ4: 10 } as const;

const PURPOSES: [string, number, number][] = [
  // [purpose, share of applications before October, effect on the log-odds of approval]
  ['debt_consolidation', 0.36, 0],
  ['home_improvement', 0.22, 0.25],
  ['car', 0.2, 0.15],
  ['education', 0.12, -0.2],
  ['medical', 0.1, -0.25],
];

/** Log-odds of approval in the first half's world: what the fixed model learned (mean 680 for a missing score). */
function modelLogit(credit: number | null, income: number, loan: number, purposeEffect: number): number {
  return 0.3 + 0.02 * ((credit ?? 680) - 680) + 1.2 * Math.log(income / 52_000) - 1.1 * Math.log(loan / 14_000) + purposeEffect;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The CSV text (header plus one line per application, in date order, LF line ends). */
export function makeLoanApplications(options: LoanApplicationsOptions = {}): string {
  const seed = options.seed ?? 20241231;
  if (!Number.isInteger(seed)) throw new RangeError(`makeLoanApplications: options.seed must be an integer; got ${seed}`);
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const lines = ['application_date,age,income,credit_score,loan_amount,purpose,channel,approved,score,predicted'];
  for (let day = Date.UTC(2024, 0, 1); day <= Date.UTC(2024, 11, 31); day += 86_400_000) {
    const date = new Date(day);
    const month = date.getUTCMonth() + 1;
    const yearShare = (day - Date.UTC(2024, 0, 1)) / (366 * 86_400_000);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const count = (weekend ? 8 : 17) + Math.floor(rnd() * 5);
    const later = Math.max(0, month - DRIFT_FROM.incomeAndLoan + 1);
    for (let r = 0; r < count; r++) {
      const age = Math.round(clamp(39 + 12 * normal(), 21, 75));
      const income = Math.max(12_000, Math.round((Math.exp(Math.log(52_000) + 0.45 * normal()) * (1 + 0.08 * later)) / 100) * 100);
      const credit = Math.round(clamp(680 + 60 * normal(), 300, 850));
      const loan = Math.round(clamp(Math.exp(Math.log(14_000) + 0.5 * normal() + 0.3 * Math.log(income / 52_000)) * (1 + 0.1 * later), 1000, 80_000) / 250) * 250;
      const cryptoShare = month >= DRIFT_FROM.crypto ? 0.04 * (month - DRIFT_FROM.crypto + 1) + 0.02 : 0;
      let purpose: string, purposeEffect: number;
      if (rnd() < cryptoShare) [purpose, purposeEffect] = ['crypto', 0];
      else {
        let u = rnd();
        [purpose, , purposeEffect] = PURPOSES.find(([, share]) => (u -= share) < 0) ?? PURPOSES[0];
      }
      const online = rnd() < 0.35 + 0.35 * yearShare;
      const missingRate = 0.02 + (month >= DRIFT_FROM.creditMissing ? 0.06 * (month - DRIFT_FROM.creditMissing + 1) : 0);
      const creditCell = rnd() < missingRate ? null : credit;
      // The truth uses the real credit score; in Q4 the lender tightens for online and crypto applications.
      let truth = modelLogit(credit, income, loan, purposeEffect);
      if (month >= DRIFT_FROM.conceptQ4) truth -= (online ? 1.3 : 0.3) + (purpose === 'crypto' ? 2.5 : 0);
      const approved = rnd() < sigmoid(truth) ? 1 : 0;
      // Rounded before the decision, so predicted is exactly score > 0.5 as the file shows it.
      const score = Number(sigmoid(modelLogit(creditCell, income, loan, purpose === 'crypto' ? 0 : purposeEffect)).toFixed(4));
      lines.push([date.toISOString().slice(0, 10), age, income, creditCell ?? '', loan, purpose, online ? 'online' : 'branch', approved, score.toFixed(4), score > 0.5 ? 1 : 0].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function cli(argv: string[]): void {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const out = get('--out') ?? fileURLToPath(new URL('../../public/samples/loan-applications.csv', import.meta.url));
  const csv = makeLoanApplications({ seed: get('--seed') ? Number(get('--seed')) : undefined });
  writeFileSync(out, csv);
  // Per quarter: rows, mean income, blank credit scores and the fixed model's accuracy, to check the drift at a glance.
  const body = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  console.log(`wrote ${out}: ${body.length} rows, ${csv.length} bytes`);
  for (let q = 1; q <= 4; q++) {
    const rows = body.filter((r) => Math.ceil(Number(r[0].slice(5, 7)) / 3) === q);
    const mean = (f: (r: string[]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    console.log(`Q${q}: ${rows.length} rows, income ${mean((r) => Number(r[2])).toFixed(0)}, credit_score blank ${(100 * mean((r) => (r[3] === '' ? 1 : 0))).toFixed(1)}%, `
      + `approved ${(100 * mean((r) => Number(r[7]))).toFixed(1)}%, accuracy ${(100 * mean((r) => (r[7] === r[9] ? 1 : 0))).toFixed(1)}%`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cli(process.argv.slice(2));
