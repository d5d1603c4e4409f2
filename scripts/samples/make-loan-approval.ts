// Generates public/samples/loan-approval.csv: synthetic loan applications for the tabular demos.
// Approval follows a logistic model of the financial features plus a deliberate penalty for one gender
// group, so Clarify's pre- and post-training bias metrics have a real (and known) effect to find. Income,
// credit score and the rest do not depend on gender, so the gap in approvals is the penalty alone.
// Run: npx tsx scripts/samples/make-loan-approval.ts [--rows N] [--seed S] [--out FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/lib/ml/random.ts';

/** Options for makeLoanApproval. */
export interface LoanOptions {
  /** Applicants to generate; defaults to 2000. */
  rows?: number;
  /** PRNG seed; defaults to 20240601. The same seed always gives the same file. */
  seed?: number;
}

/** Log-odds taken off approval for female applicants: the planted bias; exported so docs and tests can cite it. */
export const GENDER_PENALTY = 0.7;

const PURPOSES: [string, number, number][] = [
  // [purpose, share of applications, effect on the log-odds of approval]
  ['debt_consolidation', 0.35, 0],
  ['home_improvement', 0.2, 0.2],
  ['car', 0.18, 0.1],
  ['education', 0.1, -0.2],
  ['medical', 0.09, -0.2],
  ['small_business', 0.08, -0.5],
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The CSV text (header plus one line per applicant, LF line ends). */
export function makeLoanApproval(options: LoanOptions = {}): string {
  const rows = options.rows ?? 2000;
  const seed = options.seed ?? 20240601;
  if (!(Number.isInteger(rows) && rows >= 1)) throw new RangeError(`makeLoanApproval: options.rows must be a positive integer; got ${rows}`);
  const rnd = mulberry32(seed);
  // Box-Muller; 1 - rnd() keeps the logarithm finite.
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const lines = ['applicant_id,age,gender,income,employment_years,credit_score,loan_amount,debt_to_income,purpose,approved'];
  for (let i = 0; i < rows; i++) {
    const female = rnd() < 0.48;
    const age = Math.round(clamp(38 + 11 * normal(), 21, 75));
    const employment = Math.round(clamp((age - 20) * (0.25 + 0.5 * rnd()) + normal(), 0, age - 18));
    const income = Math.max(12_000, Math.round(Math.exp(Math.log(52_000) + 0.45 * normal() + 0.012 * employment) / 100) * 100);
    const credit = Math.round(clamp(680 + 60 * normal() + 1.5 * (employment - 8), 300, 850));
    const loan = Math.round(clamp(Math.exp(Math.log(14_000) + 0.5 * normal() + 0.3 * Math.log(income / 52_000)), 1000, 60_000) / 250) * 250;
    const dti = clamp(0.18 + 0.08 * normal() + 0.3 * (loan / income), 0.01, 0.75);
    let u = rnd();
    const [purpose, , purposeEffect] = PURPOSES.find(([, share]) => (u -= share) < 0) ?? PURPOSES[0];
    const logit = 0.4
      + 0.018 * (credit - 680)
      + 1.1 * Math.log(income / 52_000)
      - 0.9 * Math.log(loan / 14_000)
      - 6 * (dti - 0.3)
      + 0.05 * Math.min(employment, 10)
      + purposeEffect
      - (female ? GENDER_PENALTY : 0);
    const approved = rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    // About 4% of applicants left employment_years blank, so the missing-value handling has work to do.
    const employmentCell = rnd() < 0.04 ? '' : String(employment);
    const id = `LA-${String(i + 1).padStart(5, '0')}`;
    lines.push([id, age, female ? 'female' : 'male', income, employmentCell, credit, loan, dti.toFixed(3), purpose, approved].join(','));
  }
  return lines.join('\n') + '\n';
}

function cli(argv: string[]): void {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const out = get('--out') ?? fileURLToPath(new URL('../../public/samples/loan-approval.csv', import.meta.url));
  const csv = makeLoanApproval({ rows: get('--rows') ? Number(get('--rows')) : undefined, seed: get('--seed') ? Number(get('--seed')) : undefined });
  writeFileSync(out, csv);
  // Print the planted effect so a regenerated file can be sanity-checked at a glance.
  const body = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  const rate = (g: string) => {
    const group = body.filter((r) => r[2] === g);
    return `${((100 * group.filter((r) => r[9] === '1').length) / group.length).toFixed(1)}% of ${group.length}`;
  };
  console.log(`wrote ${out}: ${body.length} rows; approved: female ${rate('female')}, male ${rate('male')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cli(process.argv.slice(2));
