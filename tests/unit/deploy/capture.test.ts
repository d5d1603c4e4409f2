import { describe, expect, it } from 'vitest';
import { captureEncoding, captureToTable, fromBase64, parseCaptureLines, toBase64 } from '../../../src/lib/deploy/capture.ts';
import { Endpoint, type Invoker } from '../../../src/lib/deploy/endpoint.ts';
import type { InferenceRequest } from '../../../src/lib/deploy/types.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';

/** A fake model answering every request with the body's length, in JSON or CSV as asked. */
const echo: Invoker = async (req: InferenceRequest) => {
  const score = req.body.length;
  return req.accept === 'text/csv'
    ? { status: 200, body: String(score), contentType: 'text/csv; charset=utf-8', records: [{ score }] }
    : { status: 200, body: JSON.stringify({ predictions: [{ score }] }), contentType: 'application/json', records: [{ score }] };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T0 = Date.UTC(2022, 1, 14, 17, 25, 49, 640);

function endpoint(samplingPercent: number, extra: Partial<ConstructorParameters<typeof Endpoint>[2]> = {}) {
  let t = T0;
  return new Endpoint('e', [{ name: 'AllTraffic', weight: 1, invoke: echo }], { capture: { enabled: true, samplingPercent }, now: () => (t += 1000), ...extra });
}

describe('data capture lines', () => {
  it('writes each captured invocation in SageMaker\'s layout, every field checked', async () => {
    const ep = endpoint(100);
    const a = await ep.invoke({ body: '69,0,153.7\n', contentType: 'text/csv', accept: 'text/csv' });
    const b = await ep.invoke({ body: '{"instances":[{"features":[1,2]}]}', contentType: 'application/json' });
    const c = await ep.invoke({ body: '{"features":[1,"é"]}\n', contentType: 'application/jsonlines', accept: 'text/csv' });
    const text = ep.captureJsonLines();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['captureData', 'eventMetadata', 'eventVersion']);
      expect(Object.keys(l.captureData)).toEqual(['endpointInput', 'endpointOutput']);
      expect(Object.keys(l.captureData.endpointInput)).toEqual(['observedContentType', 'mode', 'data', 'encoding']);
      expect(Object.keys(l.eventMetadata)).toEqual(['eventId', 'inferenceTime']);
      expect(l.eventVersion).toBe('0');
      expect(l.eventMetadata.eventId).toMatch(UUID);
    }
    expect(lines[0].captureData).toEqual({
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '69,0,153.7\n', encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: '11', encoding: 'CSV' },
    });
    expect(lines[0].eventMetadata).toEqual({ eventId: a.id, inferenceTime: '2022-02-14T17:25:50Z' });
    expect(lines[1].captureData.endpointInput).toEqual({ observedContentType: 'application/json', mode: 'INPUT', data: '{"instances":[{"features":[1,2]}]}', encoding: 'JSON' });
    expect(lines[1].captureData.endpointOutput).toEqual({ observedContentType: 'application/json', mode: 'OUTPUT', data: '{"predictions":[{"score":34}]}', encoding: 'JSON' });
    expect(lines[1].eventMetadata).toEqual({ eventId: b.id, inferenceTime: '2022-02-14T17:25:51Z' });
    // application/jsonlines is in neither default list: base64 of the UTF-8 bytes
    const input = lines[2].captureData.endpointInput;
    expect([input.observedContentType, input.mode, input.encoding]).toEqual(['application/jsonlines', 'INPUT', 'BASE64']);
    expect(input.data).toBe(Buffer.from('{"features":[1,"é"]}\n', 'utf8').toString('base64'));
    expect(fromBase64(input.data)).toBe('{"features":[1,"é"]}\n');
    expect(lines[2].eventMetadata.eventId).toBe(c.id);
    expect(parseCaptureLines(text)).toEqual(lines);
  });

  it('picks the encoding from the media type, parameters ignored, with configurable lists', () => {
    expect(captureEncoding('text/csv; charset=utf-8')).toBe('CSV');
    expect(captureEncoding('Application/JSON')).toBe('JSON');
    expect(captureEncoding('application/jsonlines')).toBe('BASE64');
    expect(captureEncoding('application/jsonlines', { jsonContentTypes: ['application/json', 'application/jsonlines'] })).toBe('JSON');
    expect(toBase64('a,b\n')).toBe('YSxiCg==');
  });

  it('captures only what the modes name', async () => {
    const ep = endpoint(100, { capture: { enabled: true, samplingPercent: 100, modes: ['Input'] } });
    await ep.invoke({ body: '1,2', contentType: 'text/csv' });
    const [line] = parseCaptureLines(ep.captureJsonLines());
    expect(Object.keys(line.captureData)).toEqual(['endpointInput']);
  });

  it('samples about samplingPercent of the answered requests (within 4 binomial standard deviations), none when disabled or at 0', async () => {
    const n = 2000;
    const count = async (ep: Endpoint) => {
      for (let i = 0; i < n; i++) await ep.invoke({ body: String(i), contentType: 'text/csv' });
      return parseCaptureLines(ep.captureJsonLines()).length;
    };
    const k = await count(endpoint(30, { seed: 5 }));
    expect(Math.abs(k - 0.3 * n)).toBeLessThan(4 * Math.sqrt(n * 0.3 * 0.7));
    expect(await count(endpoint(0))).toBe(0);
    expect(await count(endpoint(100, { capture: { enabled: false, samplingPercent: 100 } }))).toBe(0);
  });

  it('does not capture refused requests', async () => {
    const ep = endpoint(100);
    await ep.invoke({ body: '1', contentType: 'text/csv', targetVariant: 'nope' });
    expect(ep.captureJsonLines()).toBe('');
  });
});

describe('captureToTable', () => {
  // 300 rows: x numeric, city categorical (one value holds a comma), y with a missing value every 10th row
  const rows = Array.from({ length: 300 }, (_, i) => ({ x: (i * 7) % 13 + 0.5, city: ['Oslo', 'Bergen', 'St. Paul, MN'][i % 3], y: i % 10 === 0 ? null : i }));
  const csvRow = (r: (typeof rows)[number]) => `${r.x},${r.city.includes(',') ? `"${r.city}"` : r.city},${r.y ?? ''}`;

  it('rebuilds the captured CSV inputs, and Model Monitor\'s baseline statistics run on them (1e-12)', async () => {
    const ep = endpoint(100);
    for (const r of rows) await ep.invoke({ body: csvRow(r) + '\n', contentType: 'text/csv' });
    const table = captureToTable(ep.captureJsonLines(), ['x', 'city', 'y']);
    expect(table.numRows).toBe(300);
    expect(table.getChild('x')!.toArray()).toEqual(Float64Array.from(rows, (r) => r.x));
    expect(Array.from({ length: 300 }, (_, i) => String(table.getChild('city')!.get(i)))).toEqual(rows.map((r) => r.city));
    const stats = baselineStatistics(table);
    const [x, city, y] = stats.features;
    expect([x.name, x.inferred_type, city.inferred_type, y.inferred_type]).toEqual(['x', 'Fractional', 'String', 'Integral']);
    const mean = rows.reduce((s, r) => s + r.x, 0) / rows.length;
    expect(x.numerical_statistics!.mean).toBeCloseTo(mean, 12);
    expect(x.numerical_statistics!.common.num_present).toBe(300);
    expect(y.numerical_statistics!.common.num_missing).toBe(30);
    expect(city.string_statistics!.distinct_count).toBe(3);
  });

  it('reads JSON instances and base64 JSON Lines inputs too, several rows per request', async () => {
    const ep = endpoint(100);
    await ep.invoke({ body: JSON.stringify({ instances: [{ features: [1.5, 'a'] }, { features: [2.5, 'b'] }] }), contentType: 'application/json' });
    await ep.invoke({ body: '[3.5,"c"]\n{"features":[4.5,null]}\n', contentType: 'application/jsonlines' });
    const table = captureToTable(ep.captureJsonLines(), ['v', 'k']);
    expect(table.getChild('v')!.toArray()).toEqual(Float64Array.of(1.5, 2.5, 3.5, 4.5));
    expect([0, 1, 2, 3].map((i) => table.getChild('k')!.get(i))).toEqual(['a', 'b', 'c', null]);
  });

  it('names the line whose rows do not match the input names, and a capture without inputs', async () => {
    const ep = endpoint(100);
    await ep.invoke({ body: '1,2', contentType: 'text/csv' });
    await ep.invoke({ body: '1,2,3', contentType: 'text/csv' });
    expect(() => captureToTable(ep.captureJsonLines(), ['a', 'b'])).toThrow('capture line 2 holds a row of 3 values but inputNames names 2');
    const out = endpoint(100, { capture: { enabled: true, samplingPercent: 100, modes: ['Output'] } });
    await out.invoke({ body: '1,2', contentType: 'text/csv' });
    expect(() => captureToTable(out.captureJsonLines(), ['a', 'b'])).toThrow("capture line 1 has no endpointInput; capture with modes including 'Input'");
    expect(() => captureToTable('not json\n', ['a'])).toThrow('line 1 is not JSON');
    expect(() => captureToTable('', ['a'])).toThrow('holds no lines');
  });
});
