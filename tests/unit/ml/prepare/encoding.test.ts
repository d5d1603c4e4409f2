import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import {
  attachEncoding, attachEncodingToJson, decodeLabels, encodeFeatures, encodeLabels, prepareTrainingData, readEncoding, sortLabels,
} from '../../../../src/lib/ml/prepare/index.ts';
import { getAlgorithm } from '../../../../src/lib/ml/registry.ts';

const csv = async (text: string): Promise<Table> => (await loadBytes('t.csv', new TextEncoder().encode(text))).table;

describe('encodeFeatures on new data', () => {
  it('encodes new rows as training did: unseen category → all 0, unseen label → error', async () => {
    const train = await csv('color,size,y\nred,1,a\nblue,2,b\nred,3,a\nblue,4,b\n');
    const { encoding } = prepareTrainingData(train, { target: 'y', split: { validationFraction: 0 } });
    const fresh = await csv('size,color\n5,green\n6,red\n');
    const x = encodeFeatures(fresh, encoding);
    expect(x.featureNames).toEqual(['color=blue', 'color=red', 'size']);
    const [blue, red, size] = x.features as Float32Array[];
    expect([blue[0], red[0], size[0]]).toEqual([0, 0, 5]);
    expect([blue[1], red[1], size[1]]).toEqual([0, 1, 6]);
    await expect(csv('color,size,y\nred,1,c\n').then((t) => encodeLabels(t, encoding))).rejects.toThrow('target "y" has class "c" in data row 1, which the model was not trained on');
  });

  it('names every feature column the data lacks', async () => {
    const train = await csv('a,b,c,y\n1,2,3,0\n2,3,4,1\n');
    const { encoding } = prepareTrainingData(train, { target: 'y', split: { validationFraction: 0 } });
    const fresh = await csv('b\n1\n');
    expect(() => encodeFeatures(fresh, encoding)).toThrow('the data lacks feature columns "a", "c" that the model was trained on');
  });

  it('decodeLabels maps class indices back to labels; sortLabels sorts numbers as numbers', () => {
    expect(decodeLabels(new Float32Array([1, 0, 2]), ['a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
    expect(sortLabels(['10', '9', '1'])).toEqual(['1', '9', '10']);
    expect(sortLabels(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
  });

  it('replaces characters XGBoost forbids in feature names', async () => {
    const t = await csv('"x[1]",y\n1,0\n2,1\n');
    expect(prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } }).encoding.featureNames).toEqual(['x(1)']);
  });
});

describe('the encoding inside an XGBoost JSON model', () => {
  it('survives serialize → deserialize as the mlpad_encoding learner attribute', async () => {
    const t = await csv('color,x,y\nred,1,a\nblue,2,b\nred,3,a\nblue,4,b\n');
    const p = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } });
    const xgb = getAlgorithm('xgboost');
    const model = attachEncoding((await xgb.fit(p.train, xgb.resolve({ objective: 'binary:logistic', num_round: 2 }))).model, p.encoding);
    const bytes = xgb.serialize(model);
    const text = new TextDecoder().decode(bytes);
    expect(JSON.parse(text).learner.attributes.mlpad_encoding).toBe(JSON.stringify(p.encoding));
    expect(readEncoding(bytes)).toEqual(p.encoding);
    expect(readEncoding(xgb.deserialize(bytes))).toEqual(p.encoding);
    const plain = JSON.stringify({ learner: { attributes: {} } });
    expect(readEncoding(plain)).toBeUndefined();
    expect(readEncoding(attachEncodingToJson(plain, p.encoding))).toEqual(p.encoding);
    expect(() => readEncoding(JSON.stringify({ learner: { attributes: { mlpad_encoding: '{"columns":1}' } } }))).toThrow('is not a valid encoding');
  });
});

describe('textCodes', () => {
  it('textCodes gives the texts textColumn gives, each once in first-seen order, with -1 for missing cells', async () => {
    const { textCodes, textColumn } = await import('../../../../src/lib/ml/prepare/column-values.ts');
    const { vectorFromArray, Int32, Float64 } = await import('apache-arrow');
    const columns = [
      (await loadBytes('t.csv', new TextEncoder().encode('y\nb\na\n\nb\nc\n'))).table.getChild('y')!,
      vectorFromArray([1, null, 0, 1, 1], new Int32()),
      vectorFromArray([-0, 2.5, NaN, 0, 2.5], new Float64()),
    ];
    for (const column of columns) {
      const text = textColumn(column);
      const { texts, codes } = textCodes(column);
      expect(Array.from(codes, (k) => (k < 0 ? null : texts[k]))).toEqual(text);
      expect(texts).toEqual([...new Set(text.filter((s) => s !== null))]);
    }
  });
});
