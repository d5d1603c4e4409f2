// XGBoost margins through the WebAssembly forest in Chromium, under the studio's Content-Security-Policy
// ('wasm-unsafe-eval'), equal the Node JS walk bit for bit; under a policy without 'wasm-unsafe-eval' the
// compile is refused, the page says why and falls back to JS, with the same margins. The engine modules are
// transpiled here and served under /__wasm-test/ by route (as gpu-histogram.spec.ts does), with the CSP
// header on the page that imports them. Both strategies (code, interpreter) are checked in the page.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { contentSecurityPolicy } from '../../src/security-headers.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../src/lib/ml/xgboost/model-json.ts';
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { predictMargins } from '../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';

const ROOT = new URL('../../', import.meta.url);
const STRICT = contentSecurityPolicy.replace(" 'wasm-unsafe-eval'", '');

function transpiled(path: string): string {
  const source = readFileSync(new URL(path, ROOT), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
}

function data(n: number, cols: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = new SeededRandom(seed);
  const x = Float32Array.from({ length: n * cols }, () => (rng.next() < 0.15 ? NaN : rng.next() * 4 - 2));
  const y = Float32Array.from({ length: n }, (_, i) => ((Number.isNaN(x[i * cols]) ? 1 : x[i * cols]) + (Number.isNaN(x[i * cols + 1]) ? 0 : x[i * cols + 1]) > 0.3 ? 1 : 0));
  return { x, y };
}

test.describe('WebAssembly forest in Chromium', () => {
  const train = data(2000, 6, 1);
  const model = trainXGBoost({ features: train.x, nRows: 2000, nCols: 6, labels: train.y }, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 40, max_depth: 6 }));
  const json = toXGBoostJSON(model);
  const rows = data(30_000, 6, 2).x; // 30,000 rows × 40 trees: enough to compile
  const expected = predictMargins(fromXGBoostJSON(json), { features: rows, nRows: 30_000, nCols: 6 });

  for (const [page, csp, compiles] of [['studio.html', contentSecurityPolicy, true], ['strict.html', STRICT, false]] as const) {
    test(`${compiles ? 'compiles under the studio CSP' : 'falls back to JS under a CSP without wasm-unsafe-eval'} and equals the Node margins bit for bit`, async ({ page: p }) => {
      await p.route('**/__wasm-test/**', (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\/__wasm-test\//, '');
        if (path.endsWith('.html')) return route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': csp }, body: '<!doctype html><title>wasm forest</title>' });
        return route.fulfill({ contentType: 'text/javascript', body: transpiled(path) });
      });
      await p.goto(`/__wasm-test/${page}`);
      const result = await p.evaluate(async ({ json, rows }) => {
        const { fromXGBoostJSON } = await import('/__wasm-test/src/lib/ml/xgboost/model-json.ts' as string);
        const { predictMargins, predictMarginsFast } = await import('/__wasm-test/src/lib/ml/xgboost/predict.ts' as string);
        const { readyForest, forestFallbackReason, compileForest, forestMargins } = await import('/__wasm-test/src/lib/ml/xgboost/wasm-forest.ts' as string);
        const { baseMargin } = await import('/__wasm-test/src/lib/ml/xgboost/predict.ts' as string);
        const model = fromXGBoostJSON(json);
        const m = { features: Float32Array.from(rows, (v) => (v === null ? NaN : v)), nRows: rows.length / 6, nCols: 6 };
        let t = performance.now();
        const margins: Float32Array = await predictMarginsFast(model, m);
        const firstMs = performance.now() - t;
        t = performance.now();
        predictMargins(model, m);
        const againMs = performance.now() - t;
        t = performance.now();
        predictMargins({ ...model }, m);
        const jsMs = performance.now() - t;
        const forest = readyForest(model, 0, 40);
        // Both strategies, whichever the model chose (only where WebAssembly compiles).
        const strategies: Record<string, number[]> = {};
        if (forest) {
          for (const strategy of ['code', 'interpreter']) strategies[strategy] = Array.from(forestMargins(await compileForest(model, 0, 40, { strategy }), m, baseMargin(model)) as Float32Array);
        }
        return {
          strategies,
          margins: Array.from(margins), strategy: forest?.strategy ?? null, compileMs: forest?.compileMs ?? null,
          reason: forestFallbackReason(model, 0, 40) ?? null, firstMs, againMs, jsMs,
        };
      }, { json, rows: Array.from(rows, (v) => (Number.isNaN(v) ? null : v)) });
      console.log(`${page}: forest ${result.strategy ?? 'none'}${result.compileMs === null ? '' : `, compiled in ${result.compileMs.toFixed(1)} ms`}; first call ${result.firstMs.toFixed(1)} ms, again ${result.againMs.toFixed(1)} ms, JS walk ${result.jsMs.toFixed(1)} ms${result.reason ? `; ${result.reason}` : ''}`);
      if (compiles) {
        expect(result.reason).toBeNull();
        expect(result.strategy).not.toBeNull();
        expect(Object.keys(result.strategies)).toEqual(['code', 'interpreter']);
        for (const margins of Object.values(result.strategies)) expect(margins.every((v, i) => Object.is(v, expected[i]))).toBe(true);
      } else {
        expect(result.strategy).toBeNull();
        expect(result.reason).toMatch(/WebAssembly forest unavailable, predicting in JS: .*(Content Security Policy|wasm-unsafe-eval|disallowed)/i);
      }
      expect(result.margins.length).toBe(expected.length);
      const bad = result.margins.findIndex((v, i) => !Object.is(v, expected[i]));
      expect(bad, bad < 0 ? '' : `margin ${bad}: page ${result.margins[bad]} vs Node ${expected[bad]}`).toBe(-1);
    });
  }
});
