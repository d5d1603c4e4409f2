// An endpoint in the tab: production variants with weights behind one name, as a SageMaker endpoint
// routes InvokeEndpoint requests. A request goes to a variant drawn in proportion to the weights (a
// seeded PRNG, so a class replays the same routing), or to its TargetVariant. Each answer is timed
// around the model (ModelLatency), counted per variant as CloudWatch would, kept in a bounded
// invocation log, sampled into data capture (SageMaker's JSON Lines, see capture.ts) and, when a shadow
// variant is set, copied to the shadow (its answer is logged, never returned; see shadow.ts).
// The endpoint works on abstract invokers: the Deploy view wires real models in.
import { SeededRandom } from '../ml/random.ts';
import { captureLines, type CaptureLineOptions } from './capture.ts';
import { GrowableFloat64, latencySummary } from './percentiles.ts';
import { shadowStats, type ShadowOptions, type ShadowStats } from './shadow.ts';
import type { InferenceRequest, InferenceResponse, VariantConfig, VariantStats } from './types.ts';

/** A model behind a variant: answers one request. A thrown error becomes a 500 answer. */
export type Invoker = (req: InferenceRequest) => Promise<InferenceResponse>;

/** A production variant with the model that answers for it. */
export interface EndpointVariant extends VariantConfig {
  invoke: Invoker;
}

/** Data capture (DataCaptureConfig). */
export interface CaptureOptions {
  /** EnableCapture. */
  enabled: boolean;
  /** InitialSamplingPercentage: share of answered requests captured, 0–100. */
  samplingPercent: number;
  /** CaptureOptions: what each captured line holds; defaults to ['Input', 'Output']. */
  modes?: readonly ('Input' | 'Output')[];
  /** CaptureContentTypeHeader.CsvContentTypes: media types captured as text with encoding CSV; defaults to ['text/csv']. */
  csvContentTypes?: readonly string[];
  /** CaptureContentTypeHeader.JsonContentTypes: media types captured as text with encoding JSON; defaults to ['application/json']. */
  jsonContentTypes?: readonly string[];
}

/** One request as the invocation log keeps it. */
export interface InvocationLogEntry {
  /** A random UUID, also the data capture's eventId and the key for labels in a shadow comparison. */
  id: string;
  /** When the request arrived, epoch milliseconds (from `now`). */
  time: number;
  /** The variant that answered; '' when the request was refused before routing (unknown TargetVariant, all weights 0). */
  variant: string;
  status: number;
  latencyMs: number;
  request: InferenceRequest;
  response: InferenceResponse;
  /** The shadow variant's answer to the same request, once it has come back. */
  shadow?: { variant: string; status: number; latencyMs: number; response: InferenceResponse };
}

/** A shadow variant: receives a copy of a sample of the production variant's requests. */
export interface ShadowConfig {
  variant: EndpointVariant;
  /** Share of the production variant's requests copied to the shadow, 0–100. */
  samplingPercent: number;
  /** The production variant whose traffic is copied; defaults to the first variant. */
  production?: string;
}

export interface EndpointOptions {
  /** Data capture; defaults to disabled. */
  capture?: CaptureOptions;
  /** A shadow variant; defaults to none. */
  shadow?: ShadowConfig;
  /** Seed of the routing, capture-sampling and shadow-sampling draws (three independent streams); defaults to 0. */
  seed?: number;
  /** Monotonic milliseconds used to time each model call; defaults to performance.now. */
  clock?: () => number;
  /** Wall-clock epoch milliseconds stamped on log entries and captures; defaults to Date.now. */
  now?: () => number;
  /** Newest invocations kept in the log; defaults to 1,000. */
  logLimit?: number;
  /** Newest captured invocations kept for captureJsonLines; defaults to 10,000. */
  captureLimit?: number;
}

/** What invoke() answers: the model's response with the variant that gave it and its latency. */
export type EndpointAnswer = InferenceResponse & { variant: string; latencyMs: number; id: string };

interface VariantState {
  config: EndpointVariant;
  weight: number;
  invocations: number;
  clientErrors: number;
  serverErrors: number;
  latencies: GrowableFloat64;
}

const ZERO_WEIGHTS = 'every production variant has weight 0; give one a positive weight';

function checkWeight(fn: string, name: string, weight: unknown): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new RangeError(`${fn}: the weight of variant '${name}' must be a finite number ≥ 0, got ${String(weight)}.`);
  }
  return weight;
}

function checkPercent(fn: string, field: string, x: unknown): number {
  if (typeof x !== 'number' || !(x >= 0 && x <= 100)) throw new RangeError(`${fn}: ${field} must be a number from 0 to 100, got ${String(x)}.`);
  return x;
}

function checkVariant(fn: string, v: EndpointVariant, what: string): void {
  if (v === null || typeof v !== 'object') throw new TypeError(`${fn}: ${what} must be an object { name, weight, invoke }.`);
  if (typeof v.name !== 'string' || v.name.trim() === '') throw new TypeError(`${fn}: ${what} needs a non-empty name.`);
  if (typeof v.invoke !== 'function') throw new TypeError(`${fn}: variant '${v.name}' needs an invoke function.`);
}

/** A random RFC 4122 version-4 UUID from crypto.getRandomValues (available in workers and insecure contexts, unlike randomUUID). */
function uuid(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function errorResponse(status: number, message: string): InferenceResponse {
  return { status, body: message, contentType: 'text/plain; charset=utf-8', records: [] };
}

function isResponse(r: unknown): r is InferenceResponse {
  return r !== null && typeof r === 'object' && typeof (r as InferenceResponse).status === 'number'
    && typeof (r as InferenceResponse).body === 'string' && Array.isArray((r as InferenceResponse).records);
}

export class Endpoint {
  readonly name: string;
  private readonly variants = new Map<string, VariantState>();
  private readonly routeDraw: () => number;
  private readonly captureDraw: () => number;
  private readonly shadowDraw: () => number;
  private readonly clock: () => number;
  private readonly now: () => number;
  private readonly logLimit: number;
  private readonly captureLimit: number;
  private readonly capture: CaptureOptions | undefined;
  private readonly shadow: (ShadowConfig & { production: string }) | undefined;
  private entries: InvocationLogEntry[] = [];
  private captured: InvocationLogEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Set<Promise<void>>();

  constructor(name: string, variants: EndpointVariant[], options: EndpointOptions = {}) {
    const fn = 'Endpoint';
    if (typeof name !== 'string' || name.trim() === '') throw new TypeError(`${fn}: name must be a non-empty string.`);
    if (!Array.isArray(variants) || variants.length === 0) throw new TypeError(`${fn}: variants must be a non-empty array of production variants.`);
    this.name = name;
    for (const v of variants) {
      checkVariant(fn, v, 'each variant');
      if (this.variants.has(v.name)) throw new RangeError(`${fn}: variant names must be unique; '${v.name}' appears twice.`);
      this.variants.set(v.name, { config: v, weight: checkWeight(fn, v.name, v.weight), invocations: 0, clientErrors: 0, serverErrors: 0, latencies: new GrowableFloat64() });
    }
    const { capture, shadow, seed = 0, clock = () => performance.now(), now = () => Date.now(), logLimit = 1000, captureLimit = 10_000 } = options;
    if (!Number.isInteger(logLimit) || logLimit < 1) throw new RangeError(`${fn}: options.logLimit must be a positive integer, got ${logLimit}.`);
    if (!Number.isInteger(captureLimit) || captureLimit < 1) throw new RangeError(`${fn}: options.captureLimit must be a positive integer, got ${captureLimit}.`);
    if (capture !== undefined) {
      checkPercent(fn, 'options.capture.samplingPercent', capture.samplingPercent);
      for (const m of capture.modes ?? []) if (m !== 'Input' && m !== 'Output') throw new RangeError(`${fn}: options.capture.modes holds '${String(m)}'; use 'Input' and/or 'Output'.`);
    }
    if (shadow !== undefined) {
      checkVariant(fn, shadow.variant, 'options.shadow.variant');
      if (this.variants.has(shadow.variant.name)) throw new RangeError(`${fn}: the shadow variant's name '${shadow.variant.name}' is already a production variant; give it its own name.`);
      checkPercent(fn, 'options.shadow.samplingPercent', shadow.samplingPercent);
      const production = shadow.production ?? variants[0].name;
      if (!this.variants.has(production)) throw new RangeError(`${fn}: options.shadow.production '${production}' is not a production variant; use one of: ${this.names().join(', ')}.`);
      this.shadow = { ...shadow, production };
    }
    this.capture = capture;
    this.clock = clock;
    this.now = now;
    this.logLimit = logLimit;
    this.captureLimit = captureLimit;
    // Independent streams, so turning capture or a shadow on does not change which variant answers.
    this.routeDraw = new SeededRandom(seed).next;
    this.captureDraw = new SeededRandom(seed + 1).next;
    this.shadowDraw = new SeededRandom(seed + 2).next;
  }

  /** Production variant names in the order given. */
  names(): string[] {
    return [...this.variants.keys()];
  }

  /** InvokeEndpoint: route, time and log one request. Never throws for a bad request or a failing model: those are 4xx / 5xx answers. */
  async invoke(req: InferenceRequest): Promise<EndpointAnswer> {
    if (req === null || typeof req !== 'object' || typeof req.body !== 'string' || typeof req.contentType !== 'string') {
      throw new TypeError('Endpoint.invoke: req must be an InferenceRequest { body: string, contentType: string }.');
    }
    const id = uuid();
    const time = this.now();
    const chosen = this.route(req);
    if (typeof chosen === 'string') {
      const response = errorResponse(400, chosen);
      this.record({ id, time, variant: '', status: 400, latencyMs: 0, request: req, response });
      return { ...response, variant: '', latencyMs: 0, id };
    }
    const sh = this.shadow;
    const shadowed = sh !== undefined && chosen.config.name === sh.production && this.shadowDraw() * 100 < sh.samplingPercent;
    const shadowCall = shadowed ? this.timed(sh.variant, req) : undefined;
    const { response, latencyMs, answered } = await this.timed(chosen.config, req);
    chosen.invocations++;
    if (response.status >= 500) chosen.serverErrors++;
    else if (response.status >= 400) chosen.clientErrors++;
    if (answered) chosen.latencies.push(latencyMs);
    const entry: InvocationLogEntry = { id, time, variant: chosen.config.name, status: response.status, latencyMs, request: req, response };
    this.record(entry);
    if (shadowCall !== undefined && sh !== undefined) {
      const done = shadowCall.then((s) => {
        entry.shadow = { variant: sh.variant.name, status: s.response.status, latencyMs: s.latencyMs, response: s.response };
        this.pending.delete(done);
        this.notify();
      });
      this.pending.add(done);
    }
    return { ...response, variant: chosen.config.name, latencyMs, id };
  }

  /** Resolves once every shadow call started so far has come back (tests and the comparison view wait on it). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** UpdateEndpointWeightsAndCapacities: new weights for the named variants (others keep theirs). Checks all before changing any. */
  updateWeights(weights: Record<string, number>): void {
    const fn = 'Endpoint.updateWeights';
    if (weights === null || typeof weights !== 'object') throw new TypeError(`${fn}: weights must be an object { variantName: weight }.`);
    for (const [name, w] of Object.entries(weights)) {
      if (!this.variants.has(name)) throw new RangeError(`${fn}: '${name}' is not a production variant of endpoint '${this.name}'; use one of: ${this.names().join(', ')}.`);
      checkWeight(fn, name, w);
    }
    for (const [name, w] of Object.entries(weights)) (this.variants.get(name) as VariantState).weight = w;
    this.notify();
  }

  /** Per variant, what CloudWatch would show; latencies over every answered request since the endpoint started. */
  stats(): VariantStats[] {
    return [...this.variants.values()].map((v) => ({
      name: v.config.name, weight: v.weight, invocations: v.invocations, clientErrors: v.clientErrors, serverErrors: v.serverErrors,
      latencyMs: latencySummary(v.latencies.view()),
    }));
  }

  /** The shadow test's comparison over the logged requests; null without a shadow variant. */
  shadowStats(labels?: ReadonlyMap<string, number | string | readonly (number | string | null)[]>, options?: ShadowOptions): ShadowStats | null {
    if (this.shadow === undefined) return null;
    return shadowStats(this.shadow.production, this.shadow.variant.name, this.log(), labels, options);
  }

  /** The newest invocations (at most logLimit), oldest first. */
  log(): readonly InvocationLogEntry[] {
    return this.entries.length > this.logLimit ? this.entries.slice(-this.logLimit) : this.entries;
  }

  /** The captured invocations as SageMaker data capture JSON Lines ('' when none); `variant` keeps one variant's (its own S3 prefix on SageMaker). */
  captureJsonLines(options: { variant?: string } = {}): string {
    const c = this.capture;
    const kept = this.captured.length > this.captureLimit ? this.captured.slice(-this.captureLimit) : this.captured;
    const entries = options.variant === undefined ? kept : kept.filter((e) => e.variant === options.variant);
    const lineOptions: CaptureLineOptions = { modes: c?.modes, csvContentTypes: c?.csvContentTypes, jsonContentTypes: c?.jsonContentTypes };
    return captureLines(entries, lineOptions);
  }

  /** Calls `listener` after every invocation, shadow answer and weight change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** The variant for a request, or the message of a 400 answer. */
  private route(req: InferenceRequest): VariantState | string {
    if (req.targetVariant !== undefined) {
      const v = this.variants.get(req.targetVariant);
      return v ?? `TargetVariant '${req.targetVariant}' is not a production variant of endpoint '${this.name}'; use one of: ${this.names().join(', ')}.`;
    }
    let total = 0;
    for (const v of this.variants.values()) total += v.weight;
    if (total <= 0) return ZERO_WEIGHTS;
    let r = this.routeDraw() * total;
    let last: VariantState | undefined;
    for (const v of this.variants.values()) {
      if (v.weight <= 0) continue;
      last = v;
      if (r < v.weight) return v;
      r -= v.weight;
    }
    return last as VariantState; // rounding left r just above the last positive weight
  }

  private async timed(variant: EndpointVariant, req: InferenceRequest): Promise<{ response: InferenceResponse; latencyMs: number; answered: boolean }> {
    const start = this.clock();
    try {
      const response = await variant.invoke(req);
      const latencyMs = this.clock() - start;
      if (!isResponse(response)) return { response: errorResponse(500, `Variant '${variant.name}' returned no response.`), latencyMs, answered: false };
      return { response, latencyMs, answered: true };
    } catch (e) {
      const latencyMs = this.clock() - start;
      return { response: errorResponse(500, e instanceof Error ? e.message : String(e)), latencyMs, answered: false };
    }
  }

  private record(entry: InvocationLogEntry): void {
    this.entries.push(entry);
    // Trim in batches, so the log costs O(1) per request rather than a shift of 1,000 entries.
    if (this.entries.length >= 2 * this.logLimit) this.entries = this.entries.slice(-this.logLimit);
    const c = this.capture;
    if (c?.enabled && entry.status >= 200 && entry.status < 300 && this.captureDraw() * 100 < c.samplingPercent) {
      this.captured.push(entry);
      if (this.captured.length >= 2 * this.captureLimit) this.captured = this.captured.slice(-this.captureLimit);
    }
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
