// The page side of `npm run bench:shap`'s Chromium run: the Kernel SHAP case bundled with WebSHAP (when
// WEBSHAP_SRC was set at build time; the alias points at a stub otherwise), exposed as window.shapBench.
import { ours, theirs, type WebShapModule } from './shap-kernel-case.ts';
// WebSHAP's index.ts, or webshap-absent.ts: a Vite alias chosen at build time (shap-kernel-chromium.ts).
// @ts-expect-error resolved only by the bench's build
import * as webshap from 'webshap-under-test';

const mod = (webshap as { KernelSHAP?: unknown }).KernelSHAP ? (webshap as unknown as WebShapModule) : null;

declare global {
  interface Window {
    shapBench: {
      hasWebShap: boolean;
      ours(seed: number): Promise<{ seconds: number; values: number[] }>;
      theirs(rows: number): Promise<{ seconds: number; values: number[][] }>;
    };
  }
}

window.shapBench = {
  hasWebShap: mod !== null,
  ours: async (seed) => {
    const r = await ours(seed);
    return { seconds: r.seconds, values: Array.from(r.values) };
  },
  theirs: (rows) => theirs(mod!, rows),
};
