// One request to one model, as an inference container answers it: parse the payload, score, format the
// response; a bad request is a 4xx answer with a sentence, never an exception. The in-tab endpoint's
// variants (the Deploy worker) and `mlpad serve` (src/cli/serve-server.ts) both answer through here.
import { ModelDataError, score, type DeployModel } from './deploy-model.ts';
import type { Invoker } from './endpoint.ts';
import { parsePayload, PayloadError } from './payload.ts';
import { formatResponse } from './response.ts';
import type { DeployModelFacts, InferenceRequest, InferenceResponse } from './types.ts';

/** The largest request body a real-time SageMaker endpoint accepts: 6 MB (larger files are for batch transform). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

const TEXT = 'text/plain; charset=utf-8';

/**
 * `m`'s answer to `req` (with `facts` in place of the model's own, e.g. to add predicted_label): 200 with the
 * body in the Accept, 400 for a malformed payload or data the model cannot read, 406/415 for media types.
 * A model that fails rejects (the caller answers 500).
 */
export async function answer(m: DeployModel, req: InferenceRequest, facts: DeployModelFacts = m.facts): Promise<InferenceResponse> {
  try {
    const table = parsePayload(req, facts);
    const inference = await score(m, table);
    const r = formatResponse(facts, inference, table.numRows, req.accept);
    return { status: 200, body: r.body, contentType: r.contentType, records: r.records };
  } catch (e) {
    if (e instanceof PayloadError) return { status: e.status, body: e.message, contentType: TEXT, records: [] };
    if (e instanceof ModelDataError) return { status: 400, body: e.message, contentType: TEXT, records: [] };
    throw e;
  }
}

const utf8Bytes = (s: string) => (s.length * 3 <= MAX_PAYLOAD_BYTES ? s.length : new TextEncoder().encode(s).length);

/**
 * A model as an endpoint variant's invoker (answer, with 413 above MAX_PAYLOAD_BYTES). `withLabels` adds
 * predicted_label to a classifier's records (SageMaker's XGBoost answers with the score alone), so a shadow
 * test and a roll-out's accuracy alarm compare labels by the estimator's own rule.
 */
export function modelInvoker(m: DeployModel, withLabels = false): Invoker {
  const classifier = m.facts.task === 'binary' || m.facts.task === 'multiclass';
  const facts = withLabels && classifier && !m.facts.fields.includes('predicted_label') ? { ...m.facts, fields: [...m.facts.fields, 'predicted_label' as const] } : m.facts;
  return async (req: InferenceRequest): Promise<InferenceResponse> => {
    if (utf8Bytes(req.body) > MAX_PAYLOAD_BYTES) {
      return { status: 413, body: 'the request body is larger than an endpoint takes (6 MB); score a file this large with batch transform', contentType: TEXT, records: [] };
    }
    return answer(m, req, facts);
  };
}
