import { describe, expect, it } from 'vitest';
import { ModelFileError, writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { randomCutForestEstimator as rcf } from '../../../../src/lib/ml/randomcutforest/randomcutforest-estimator.ts';
import { blobWithOutlier, seasonalWithSpikes } from './fixtures.ts';

async function scores(model: Parameters<typeof rcf.infer>[0], x: Parameters<typeof rcf.infer>[1]): Promise<Float32Array> {
  const out = await rcf.infer(model, x);
  if (out.kind !== 'anomaly') throw new Error(`expected anomaly scores, got ${out.kind}`);
  return out.score;
}

describe('randomcutforest model file', () => {
  it('serialize → deserialize gives bit-identical scores, the same threshold and the attributes back', async () => {
    const { values } = seasonalWithSpikes({ n: 1000, spikes: 5 });
    const x = { features: values, nRows: 1000, nCols: 1 };
    const { model } = await rcf.fit(x, rcf.resolve({ num_trees: 50, shingle_size: 3, seed: 2 }));
    const bytes = rcf.serialize(model, { mlpad_encoding: '{"columns":[]}' });
    const back = rcf.deserialize(bytes);
    expect(await scores(back, x)).toEqual(await scores(model, x));
    expect(rcf.summary!(back)).toEqual(rcf.summary!(model));
    expect(rcf.attributes(back)).toEqual({ mlpad_encoding: '{"columns":[]}' });
    expect(rcf.featureCount(back)).toBe(1);
    expect(back.shingleSize).toBe(3);
    // Reading from text works too, and a second round trip writes the same bytes.
    const text = new TextDecoder().decode(bytes);
    expect(new TextDecoder().decode(rcf.serialize(rcf.deserialize(text), rcf.attributes(back))) === text).toBe(true);
  });

  it('the file of 100 trees × 256 samples of 4-value points stays under 1.3 MB (base64 trees, no boxes)', async () => {
    const { values } = seasonalWithSpikes({ n: 3000, spikes: 10 });
    const { model } = await rcf.fit({ features: values, nRows: 3000, nCols: 1 }, rcf.resolve({ shingle_size: 4 }));
    const bytes = rcf.serialize(model);
    // 100 trees hold about 51,100 nodes: 25,500 cuts and 25,600 leaves × 4 values, 4 bytes each before base64.
    console.log(`randomcutforest model file, 100 trees × 256 samples × 4 values: ${bytes.length} bytes`);
    expect(bytes.length).toBeLessThan(1_300_000);
  });

  it('a forest stopped early saves and reads back only the trees it built', async () => {
    const x = { features: blobWithOutlier(200, 0, 5, 5), nRows: 200, nCols: 2, featureNames: ['u', 'v'] };
    let n = 0;
    const { model } = await rcf.fit(x, rcf.resolve({ num_trees: 80 }), { callbacks: { shouldStop: () => ++n === 3 } });
    const back = rcf.deserialize(rcf.serialize(model));
    expect(back.forest.numTrees).toBe(3);
    expect(back.featureNames).toEqual(['u', 'v']);
    expect(await scores(back, x)).toEqual(await scores(model, x));
  });

  it('deserialize names what is wrong: another algorithm’s file, a damaged tree', async () => {
    expect(() => rcf.deserialize(writeModelFile('kmeans', 1, {}))).toThrow('the model file holds a kmeans model, not a randomcutforest model');
    const x = { features: blobWithOutlier(100, 0, 5, 5), nRows: 100, nCols: 2 };
    const { model } = await rcf.fit(x, rcf.resolve({ num_trees: 50 }));
    const file = JSON.parse(new TextDecoder().decode(rcf.serialize(model)));
    file.model.nodeCounts[0] += 2;
    expect(() => rcf.deserialize(JSON.stringify(file))).toThrow(ModelFileError);
    file.model.nodeCounts[0] -= 2;
    file.model.cuts = 'not base64!';
    expect(() => rcf.deserialize(JSON.stringify(file))).toThrow("the randomcutforest model file's model.cuts is not valid");
  });
});
