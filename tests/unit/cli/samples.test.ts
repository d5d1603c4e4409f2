// The sample manifest must agree with the files it lists, and the synthetic file with its generator.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENDER_PENALTY, makeLoanApproval } from '../../../scripts/samples/make-loan-approval.ts';

const samples = (file: string) => fileURLToPath(new URL(`../../../public/samples/${file}`, import.meta.url));

interface Entry { id: string; file: string; title: string; description: string; target: string; task: string; rows: number; source: string; license: string }
const manifest: Entry[] = JSON.parse(readFileSync(samples('index.json'), 'utf8'));

function columnsAndRows(file: string): { columns: string[]; rows: number } {
  const text = readFileSync(samples(file), 'utf8');
  if (file.endsWith('.json')) {
    const records = JSON.parse(text) as Record<string, unknown>[];
    return { columns: Object.keys(records[0]), rows: records.length };
  }
  const lines = text.trimEnd().split('\n');
  return { columns: lines[0].split(','), rows: lines.length - 1 };
}

describe('public/samples/index.json', () => {
  it('index.json lists penguins, seattle-weather, loan-approval and loan-applications with every field filled', () => {
    expect(manifest.map((e) => e.id)).toEqual(['penguins', 'seattle-weather', 'loan-approval', 'loan-applications']);
    for (const e of manifest) {
      for (const key of ['id', 'file', 'title', 'description', 'target', 'task', 'source', 'license'] as const) expect(e[key], `${e.id}.${key}`).toBeTruthy();
      expect(['binary', 'multiclass', 'regression']).toContain(e.task);
    }
  });

  it("each manifest entry's row count and target column match its file", () => {
    for (const e of manifest) {
      const { columns, rows } = columnsAndRows(e.file);
      expect(rows, e.id).toBe(e.rows);
      expect(columns, e.id).toContain(e.target);
    }
  });
});

describe('loan-approval.csv', () => {
  it('makeLoanApproval() reproduces public/samples/loan-approval.csv byte for byte', () => {
    expect(makeLoanApproval()).toBe(readFileSync(samples('loan-approval.csv'), 'utf8'));
  });

  it('loan-approval.csv approves female applicants less often (the planted bias) and leaves some employment_years blank', () => {
    expect(GENDER_PENALTY).toBeGreaterThan(0);
    const [header, ...rows] = makeLoanApproval().trimEnd().split('\n').map((l) => l.split(','));
    const col = (name: string) => header.indexOf(name);
    const rate = (g: string) => {
      const group = rows.filter((r) => r[col('gender')] === g);
      return group.filter((r) => r[col('approved')] === '1').length / group.length;
    };
    expect(rate('male') - rate('female')).toBeGreaterThan(0.05);
    const blank = rows.filter((r) => r[col('employment_years')] === '').length;
    expect(blank).toBeGreaterThan(20);
    expect(blank).toBeLessThan(200);
  });

  it('makeLoanApproval rejects a non-positive row count with a message naming options.rows', () => {
    expect(() => makeLoanApproval({ rows: 0 })).toThrow(/options.rows must be a positive integer; got 0/);
  });
});
