import { describe, expect, it } from 'vitest';
import { CAPTURE_ROLE_METADATA_KEY } from '../../../src/lib/data/capture-reader.ts';
import { generatedNames } from '../../../src/lib/data/column-names.ts';
import { loadBytes, loadStream } from '../../../src/lib/data/index.ts';
import { Endpoint, type Invoker } from '../../../src/lib/deploy/endpoint.ts';
import type { InferenceRequest } from '../../../src/lib/deploy/types.ts';
import { pieces, rejection, rows, types, utf8 } from './helpers.ts';

/** A fake model: per CSV row (or JSON instance, or JSON Lines {"features"} line), score = the first value / 10 and label = score > 0.5; CSV or JSON as asked. */
const model: Invoker = async (req: InferenceRequest) => {
  const firsts = req.contentType === 'text/csv'
    ? req.body.trim().split('\n').map((l) => Number(l.split(',')[0]))
    : req.contentType === 'application/jsonlines'
      ? req.body.trim().split('\n').map((l) => (JSON.parse(l).features as number[])[0])
      : (JSON.parse(req.body).instances as Record<string, number>[]).map((r) => Object.values(r)[0]);
  const records = firsts.map((x) => ({ score: x / 10, predicted_label: x / 10 > 0.5 ? 1 : 0 }));
  return req.accept === 'text/csv'
    ? { status: 200, body: records.map((r) => `${r.score}\n`).join(''), contentType: 'text/csv; charset=utf-8', records }
    : { status: 200, body: JSON.stringify({ predictions: records }), contentType: 'application/json', records };
};

const T0 = Date.UTC(2024, 2, 5, 14, 0, 0);

function endpoint(csvContentTypes?: string[]) {
  let t = T0;
  return new Endpoint('e', [{ name: 'AllTraffic', weight: 1, invoke: model }], {
    capture: { enabled: true, samplingPercent: 100, ...(csvContentTypes ? { csvContentTypes } : {}) }, now: () => (t += 60_000),
  });
}

const load = (text: string, name = 'capture.jsonl') => loadBytes(name, utf8(text));

describe('SageMaker data capture files in the loader', () => {
  it('reads one row per captured CSV row, with the header-less CSV names, inference_time, event_id and the outputs', async () => {
    const ep = endpoint();
    const a = await ep.invoke({ body: '7,0,1.5\n2,1,2.25\n', contentType: 'text/csv', accept: 'text/csv' });
    const b = await ep.invoke({ body: '9,1,3.5\n', contentType: 'text/csv' });
    const r = await load(ep.captureJsonLines());
    expect(r.format).toBe('jsonl');
    expect(r.warnings[0]).toBe('Read as SageMaker data capture: 2 events, 3 rows.');
    const [c0, c1, c2] = generatedNames(3);
    expect(r.table.schema.fields.map((f) => f.name)).toEqual([c0, c1, c2, 'inference_time', 'event_id', '_output', '_output_score', '_output_predicted_label']);
    const t = types(r.table);
    expect([t[c0], t[c1], t[c2], t.inference_time]).toEqual(['Int32', 'Int32', 'Float64', 'Timestamp<MILLISECOND>']);
    const got = rows(r.table);
    expect(got.map((x) => [x[c0], x[c1], x[c2]])).toEqual([[7, 0, 1.5], [2, 1, 2.25], [9, 1, 3.5]]);
    // the capture stamps inferenceTime to the second; the fake clock ticks a minute per request
    expect(got.map((x) => x.inference_time)).toEqual([T0 + 60_000, T0 + 60_000, T0 + 120_000]);
    expect(got.map((x) => String(x.event_id))).toEqual([a.id, a.id, b.id]);
    // the first request asked for CSV (one field per row), the second got JSON records
    expect(got.map((x) => x._output)).toEqual([0.7, 0.2, null]);
    expect(got.map((x) => x._output_score)).toEqual([null, null, 0.9]);
    expect(got.map((x) => x._output_predicted_label)).toEqual([null, null, 1]);
    expect(r.table.schema.fields.map((f) => f.metadata.get(CAPTURE_ROLE_METADATA_KEY))).toEqual(['input', 'input', 'input', 'event', 'event', 'output', 'output', 'output']);
  });

  it('names and types the captured inputs exactly as the loader reads the same rows from a header-less CSV', async () => {
    const body = '5,a,0.5\n6,b,1\n7,,2.5\n';
    const ep = endpoint();
    await ep.invoke({ body, contentType: 'text/csv' });
    const capture = await load(ep.captureJsonLines());
    const csv = await loadBytes('train.csv', utf8(body), { header: false });
    const names = csv.table.schema.fields.map((f) => f.name);
    expect(capture.table.schema.fields.slice(0, 3).map((f) => f.name)).toEqual(names);
    const ct = types(capture.table);
    expect(names.map((n) => ct[n])).toEqual(names.map((n) => types(csv.table)[n]));
    expect(rows(capture.table).map((x) => names.map((n) => x[n]))).toEqual(rows(csv.table).map((x) => names.map((n) => x[n])));
  });

  it('decodes BASE64 payloads and names JSON instances\' features by their keys', async () => {
    const ep = endpoint();
    // application/jsonlines is in neither default list, so the capture stores it base64-encoded
    await ep.invoke({ body: '{"features":[4,1]}\n{"features":[8,0]}\n', contentType: 'application/jsonlines', accept: 'text/csv' });
    const jsonLines = await load(ep.captureJsonLines());
    expect(JSON.parse(ep.captureJsonLines().split('\n')[0]).captureData.endpointInput.encoding).toBe('BASE64');
    const [c0, c1] = generatedNames(2);
    expect(rows(jsonLines.table).map((x) => [x[c0], x[c1], x._output])).toEqual([[4, 1, 0.4], [8, 0, 0.8]]);

    const named = endpoint();
    await named.invoke({ body: '{"instances":[{"age":3,"city":"Oslo"},{"age":9,"city":"Rome"}]}', contentType: 'application/json' });
    const r = await load(named.captureJsonLines());
    expect(r.table.schema.fields.map((f) => f.name)).toEqual(['age', 'city', 'inference_time', 'event_id', '_output_score', '_output_predicted_label']);
    expect(rows(r.table).map((x) => [x.age, x.city, x._output_score, x._output_predicted_label])).toEqual([[3, 'Oslo', 0.3, 0], [9, 'Rome', 0.9, 1]]);
  });

  it('reads the same table from a stream of 7-byte chunks as from the whole file', async () => {
    const ep = endpoint();
    for (let i = 0; i < 5; i++) await ep.invoke({ body: `${i},${i * 2}\n${i + 1},0\n`, contentType: 'text/csv', accept: 'text/csv' });
    const text = '\n' + ep.captureJsonLines();
    const whole = await load(text);
    const streamed = await loadStream('capture.jsonl', pieces(utf8(text), 7), 0);
    expect(streamed.warnings).toEqual(whole.warnings);
    expect(rows(streamed.table)).toEqual(rows(whole.table));
    expect(whole.table.numRows).toBe(10);
  });

  it('names the line of a malformed capture line, of a line without endpointInput and of a ragged row', async () => {
    const ep = endpoint();
    await ep.invoke({ body: '1,2\n', contentType: 'text/csv' });
    const good = ep.captureJsonLines();
    const notJson = await rejection(load(good + good + '{"captureData": oops\n'));
    expect([notJson.code, notJson.line]).toEqual(['invalid-json', 3]);
    expect(notJson.message).toBe('capture.jsonl (line 3): this SageMaker data capture line is not JSON.');
    const noInput = await rejection(load(good + '\n{"captureData":{},"eventMetadata":{"eventId":"x","inferenceTime":"2024-03-05T14:00:00Z"},"eventVersion":"0"}\n'));
    expect(noInput.line).toBe(3);
    expect(noInput.message).toMatch(/^capture\.jsonl \(line 3\): this SageMaker data capture line has no endpointInput; capture with CaptureOptions including Input/);
    const badPayload = await rejection(load(good + '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"1,2","encoding":"GZIP"}}}\n'));
    expect(badPayload.message).toBe("capture.jsonl (line 2): this SageMaker data capture line's endpointInput must be { observedContentType, mode, data, encoding: CSV | JSON | BASE64 }.");
    await ep.invoke({ body: '1,2,3\n', contentType: 'text/csv' });
    const ragged = await rejection(load(ep.captureJsonLines()));
    expect([ragged.code, ragged.line]).toEqual(['ragged', 2]);
    expect(ragged.message).toBe("capture.jsonl (line 2): this SageMaker data capture line holds an input row of 3 values, but line 1's rows have 2; every captured request must send the same columns.");
    const unreadable = await rejection(load(good.replace('"text/csv"', '"image/png"')));
    expect(unreadable.message).toBe("capture.jsonl (line 1): this SageMaker data capture line's endpointInput is 'image/png', which holds no rows mlpad can read; captured inputs must be text/csv, application/json or application/jsonlines");
  });

  it('leaves the outputs of an answer it cannot pair with its rows missing, and says so', async () => {
    const ep = endpoint();
    await ep.invoke({ body: '1,2\n3,4\n', contentType: 'text/csv', accept: 'text/csv' });
    const lines = ep.captureJsonLines().trimEnd().split('\n').map((l) => JSON.parse(l));
    const twoRows = JSON.stringify(lines[0]);
    lines[0].captureData.endpointOutput.data = '0.1\n'; // one answer for two rows
    const r = await load(`${twoRows}\n${JSON.stringify(lines[0])}\n`);
    expect(r.warnings.slice(0, 2)).toEqual([
      'Read as SageMaker data capture: 2 events, 4 rows.',
      '1 captured answer could not be matched to its input rows (not CSV or JSON, or a different number of rows), so its output columns are missing; first at line 2.',
    ]);
    expect(rows(r.table).map((x) => x._output)).toEqual([0.1, 0.3, null, null]);
  });

  it('still reads other JSON Lines files as records, and a first line that merely mentions captureData', async () => {
    const r = await load('{"a":1,"captureData":null}\n{"a":2}\n', 'plain.jsonl');
    expect(r.table.schema.fields.map((f) => f.name)).toEqual(['a', 'captureData']);
    expect(r.warnings.some((w) => w.startsWith('Read as SageMaker data capture'))).toBe(false);
    const e = await rejection(load('{"a":1}\n{"a":\n', 'plain.jsonl'));
    expect([e.code, e.line]).toEqual(['invalid-json', 2]);
  });
});
