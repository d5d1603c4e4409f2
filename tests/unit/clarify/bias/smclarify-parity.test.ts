import { describe, expect, it } from 'vitest';
import { postTrainingBias, preTrainingBias } from '../../../../src/lib/clarify/bias/report.ts';
import { POST_TRAINING_NAMES, PRE_TRAINING_NAMES } from '../../../../src/lib/clarify/bias/descriptions.ts';
import type { BiasSection } from '../../../../src/lib/clarify/bias/types.ts';
import { expectSameSection, loadFixtures, toColumns, toConfig, toFeatures } from './fixtures.ts';

const fixtures = loadFixtures();

describe('bias metrics equal smclarify (tests/fixtures/clarify/bias-*.json, 1e-6)', () => {
  it('has the fixtures the generator writes', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(['binary', 'converted', 'integer', 'multiclass', 'text-numbers', 'threshold', 'undefined', 'undefined-absent']);
  });

  for (const fx of fixtures) {
    it(`preTrainingBias(${fx.name}) equals Clarify's pre-training section`, () => {
      const want = fx.pre_training;
      if ('error' in want) throw new Error(`fixture ${fx.name} holds a report error: ${want.error}`);
      const got = preTrainingBias(toColumns(fx), toConfig(fx));
      expectSameSection(got, want, `${fx.name} pre`);
      expect(got.facets[fx.config.facet][0].metrics.map((m) => m.name)).toEqual(PRE_TRAINING_NAMES);
    });

    it(`postTrainingBias(${fx.name}) equals Clarify's post-training section, FT included`, () => {
      const want = fx.post_training as BiasSection;
      const columns = toColumns(fx);
      const got = postTrainingBias(columns, toConfig(fx), toFeatures(fx, columns));
      expectSameSection(got, want, `${fx.name} post`);
      expect(got.facets[fx.config.facet][0].metrics.map((m) => m.name)).toEqual(POST_TRAINING_NAMES);
    });
  }

  it('the fixtures exercise every metric with a number, and the undefined ones with Infinity, -Infinity and errors', () => {
    const seen = new Map<string, Set<string>>();
    for (const fx of fixtures) {
      for (const section of [fx.pre_training, fx.post_training] as BiasSection[]) {
        for (const f of Object.values(section.facets)[0]) {
          for (const m of f.metrics) {
            const kind = m.error !== undefined ? 'error' : typeof m.value === 'number' ? 'number' : String(m.value);
            if (!seen.has(m.name)) seen.set(m.name, new Set());
            seen.get(m.name)?.add(kind);
          }
        }
      }
    }
    for (const name of [...PRE_TRAINING_NAMES, ...POST_TRAINING_NAMES]) expect(seen.get(name)?.has('number'), name).toBe(true);
    const kinds = new Set([...seen.values()].flatMap((s) => [...s]));
    expect([...kinds].sort()).toEqual(['-Infinity', 'Infinity', 'error', 'number']);
  });

  it('a metrics subset is computed in Clarify order with the same values', () => {
    const fx = fixtures.find((f) => f.name === 'binary');
    if (!fx) throw new Error('binary fixture missing');
    const got = preTrainingBias(toColumns(fx), { ...toConfig(fx), metrics: ['KL', 'CI'] });
    const want = (fx.pre_training as BiasSection).facets.sex[0].metrics;
    const metrics = got.facets.sex[0].metrics;
    expect(metrics.map((m) => m.name)).toEqual(['CI', 'KL']);
    expect(metrics[0].value).toBeCloseTo(want.find((m) => m.name === 'CI')?.value as number, 12);
    expect(metrics[1].value).toBeCloseTo(want.find((m) => m.name === 'KL')?.value as number, 12);
  });
});
