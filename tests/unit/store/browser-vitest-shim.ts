// Just enough of vitest's describe/it/expect to run tests/unit/store/backend-suite.ts inside a browser page
// (tests/browser/store.spec.ts bundles the suite with esbuild, aliasing 'vitest' to this file). Only the
// matchers the suite uses exist; an unknown one is a TypeError, so the suite cannot silently pass a check.

type Test = { name: string; fn: () => Promise<void> | void };
const tests: Test[] = [];
const prefix: string[] = [];

export function describe(name: string, body: () => void): void {
  prefix.push(name);
  try { body(); } finally { prefix.pop(); }
}

export function it(name: string, fn: () => Promise<void> | void): void {
  tests.push({ name: [...prefix, name].join(' > '), fn });
}

/** Runs every collected test in order; one entry per test with the failure message, if any. */
export async function runCollected(): Promise<{ name: string; error?: string }[]> {
  const out: { name: string; error?: string }[] = [];
  for (const t of tests.splice(0)) {
    try { await t.fn(); out.push({ name: t.name }); } catch (e) { out.push({ name: t.name, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }); }
  }
  return out;
}

function show(v: unknown): string {
  try { return JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '<undefined>' : x)) ?? String(v); } catch { return String(v); }
}

/** Structural equality of JSON-like values (arrays, plain objects, primitives), as vitest's toEqual on them. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function fail(message: string): never {
  throw new Error(message);
}

function matchers(actual: unknown) {
  return {
    toBe: (expected: unknown) => { if (!Object.is(actual, expected)) fail(`expected ${show(actual)} to be ${show(expected)}`); },
    toEqual: (expected: unknown) => { if (!deepEqual(actual, expected)) fail(`expected ${show(actual)} to equal ${show(expected)}`); },
    toBeUndefined: () => { if (actual !== undefined) fail(`expected ${show(actual)} to be undefined`); },
  };
}

export function expect(actual: unknown) {
  return {
    ...matchers(actual),
    rejects: {
      async toBeInstanceOf(cls: abstract new (...args: never[]) => unknown) {
        const e = await settle(actual);
        if (!(e instanceof cls)) fail(`expected a rejection with ${cls.name}, got ${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}`);
      },
      async toThrow(pattern: RegExp) {
        const e = await settle(actual);
        const message = e instanceof Error ? e.message : String(e);
        if (!pattern.test(message)) fail(`expected a rejection matching ${String(pattern)}, got "${message}"`);
      },
    },
  };
}

async function settle(p: unknown): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  return fail('expected the promise to reject, but it resolved');
}
