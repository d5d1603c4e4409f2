// `mlpad train` / `mlpad predict` through main() in-process: the finer cases without a process each.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHyperparameters } from '../../../src/cli/commands/train.ts';
import { formatFloat32 } from '../../../src/lib/engine/predictions-csv.ts';
import { runMlpad } from './run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-train-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

const run = runMlpad;

const rows = Array.from({ length: 60 }, (_, i) => `${i},${(i * 7) % 11},${i % 3 === 0 ? 'spam' : 'ham'}`);
writeFileSync(at('mail.csv'), ['x,z,kind', ...rows].join('\n') + '\n');

describe('parseHyperparameters (--hp)', () => {
  it('splits NAME=VALUE pairs on spaces or commas, keeping comma lists inside a value', () => {
    expect(parseHyperparameters('eta=0.1 max_depth=4')).toEqual({ eta: '0.1', max_depth: '4' });
    expect(parseHyperparameters('eta=0.1,eval_metric=auc,logloss,max_depth=4')).toEqual({ eta: '0.1', eval_metric: 'auc,logloss', max_depth: '4' });
    expect(parseHyperparameters(undefined)).toEqual({});
  });

  it('refuses a pair without = and a name given twice', () => {
    expect(() => parseHyperparameters('eta')).toThrow('--hp takes NAME=VALUE pairs');
    expect(() => parseHyperparameters('eta=1 eta=2')).toThrow('--hp gives eta twice');
  });
});

describe('mlpad train in-process', () => {
  it('--positive-label picks the positive class; predict writes labels and probabilities of both', async () => {
    const r = await run('train', '--train', at('mail.csv'), '--target', 'kind', '--positive-label', 'spam', '--hp', 'num_round=5', '--model-out', at('m.json'));
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ classes: ['ham', 'spam'], positive_label: 'spam', rounds: 5 });
    const p = await run('predict', '--model', at('m.json'), '--data', at('mail.csv'));
    expect(p.code).toBe(0);
    const [header, ...lines] = p.stdout.trim().split('\n');
    expect(header).toBe('predicted_label,probability_ham,probability_spam');
    expect(lines).toHaveLength(60);
    for (const line of lines) {
      const [label, , spam] = line.split(',');
      expect(label).toBe(Number(spam) > 0.5 ? 'spam' : 'ham');
    }
    expect(lines.filter((l) => l.startsWith('spam,')).length).toBeGreaterThan(10);
  });

  it('an unknown positive label is an error naming the classes', async () => {
    const r = await run('train', '--train', at('mail.csv'), '--target', 'kind', '--positive-label', 'eggs');
    expect(r).toMatchObject({ code: 1, stderr: 'mlpad: positive label "eggs" is not a class of target "kind"; its classes are "ham", "spam"\n' });
  });

  it('a validation file with a class the training data lacks is an error naming it', async () => {
    writeFileSync(at('odd.csv'), 'x,z,kind\n1,2,eggs\n');
    const r = await run('train', '--train', at('mail.csv'), '--target', 'kind', '--validation', at('odd.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^mlpad: ${at('odd.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: target "kind" has class "eggs" in data row 1, which the model was not trained on`));
  });
});

describe('formatFloat32', () => {
  it('writes the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(NaN)).toBe('');
  });
});
