// Loads tests/fixtures/clarify/bias-*.json (written by scripts/clarify/smclarify_fixtures.py from Amazon's
// smclarify) and compares mlpad's sections with Clarify's.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { BiasColumns, BiasConfig, BiasSection, FeatureColumns } from '../../../../src/lib/clarify/bias/types.ts';

const DIR = new URL('../../../fixtures/clarify/', import.meta.url).pathname;

interface FixtureColumn { type: 'number' | 'text'; values: (number | string | null)[] }
export interface BiasFixture {
  name: string;
  columns: Record<string, FixtureColumn>;
  config: BiasConfig & { features: string[] };
  pre_training: BiasSection | { error: string };
  post_training: BiasSection | { error: string } | null;
}

export function loadFixtures(): BiasFixture[] {
  return readdirSync(DIR).filter((f) => /^bias-.*\.json$/.test(f)).sort()
    .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as BiasFixture);
}

export function toColumns(fx: BiasFixture): BiasColumns {
  const out: BiasColumns = {};
  for (const [name, col] of Object.entries(fx.columns)) {
    out[name] = col.type === 'number'
      ? Float64Array.from(col.values, (v) => (v === null ? NaN : (v as number)))
      : (col.values as (string | null)[]);
  }
  return out;
}

export function toFeatures(fx: BiasFixture, columns: BiasColumns): FeatureColumns {
  return Object.fromEntries(fx.config.features.map((f) => [f, columns[f]]));
}

export function toConfig(fx: BiasFixture): BiasConfig {
  const { features: _features, ...cfg } = fx.config;
  return structuredClone(cfg);
}

/** Tolerance: 1e-6 absolute, or relative to |expected| when that exceeds 1. */
export const TOL = 1e-6;

/** Asserts mlpad's section equals Clarify's: strings exactly, numbers within TOL, errors by text. */
export function expectSameSection(got: BiasSection, want: BiasSection, where: string): void {
  expect(got.label, `${where} label`).toBe(want.label);
  expect(got.label_value_or_threshold, `${where} label_value_or_threshold`).toBe(want.label_value_or_threshold);
  expect(Object.keys(got.facets), `${where} facets`).toEqual(Object.keys(want.facets));
  for (const [facet, wantList] of Object.entries(want.facets)) {
    const gotList = got.facets[facet];
    expect(gotList.map((f) => f.value_or_threshold), `${where} ${facet} values`).toEqual(wantList.map((f) => f.value_or_threshold));
    wantList.forEach((wf, i) => {
      const gf = gotList[i];
      expect(gf.metrics.map((m) => m.name), `${where} ${wf.value_or_threshold} names`).toEqual(wf.metrics.map((m) => m.name));
      wf.metrics.forEach((wm, j) => {
        const gm = gf.metrics[j];
        const at = `${where} facet ${wf.value_or_threshold} ${wm.name}`;
        expect(gm.description, `${at} description`).toBe(wm.description);
        expect(gm.error, `${at} error`).toBe(wm.error);
        if (typeof wm.value === 'number') {
          expect(typeof gm.value, `${at} type (got ${String(gm.value)})`).toBe('number');
          const diff = Math.abs((gm.value as number) - wm.value);
          expect(diff, `${at}: mlpad ${String(gm.value)} vs Clarify ${wm.value}`).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(wm.value)));
        } else {
          expect(gm.value, at).toBe(wm.value);
        }
      });
    });
  }
}
