// The HTTP face of a deployed model, as SageMaker's inference containers answer: `GET /ping` → 200 when
// the model is loaded, `POST /invocations` with the body in the Content-Type, the answer in the Accept (or
// the algorithm's default) and the variant in `X-Amzn-Invoked-Production-Variant`. A bad request gets its
// 4xx and a text/plain sentence (400 malformed, 404 other paths, 405 wrong methods, 406 Accept, 413 over
// the payload limit, 415 Content-Type); a failing model 500. Nothing a client sends can stop the server.
// It lives in src/cli, not src/lib, because it needs node:http and src/lib must run in browsers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DeployModel } from '../lib/deploy/deploy-model.ts';
import { answer, MAX_PAYLOAD_BYTES } from '../lib/deploy/invoke.ts';


/** Options of createInferenceServer. */
export interface InferenceServerOptions {
  /** Largest request body in bytes; larger ones get 413; defaults to 6 MB (SageMaker's limit). */
  maxPayloadBytes?: number;
  /** The production variant named in X-Amzn-Invoked-Production-Variant; defaults to 'AllTraffic'. */
  variantName?: string;
  /** Called after each invocation with its status and milliseconds; defaults to none. */
  onInvocation?(status: number, ms: number): void;
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

/** The body as bytes, or null after answering 413 when it passes `limit`. */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      send(res, 413, `the request body is larger than the ${(limit / 1024 / 1024).toFixed(limit % (1024 * 1024) === 0 ? 0 : 2)} MB limit; send fewer rows per request\n`, undefined, { Connection: 'close' });
      req.resume();
      resolve(null);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) { tooLarge(); return; }
    const parts: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) { over = true; parts.length = 0; tooLarge(); return; }
      parts.push(chunk);
    });
    req.on('end', () => { if (!over) resolve(Buffer.concat(parts)); });
    req.on('error', reject);
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

async function invoke(m: DeployModel, req: IncomingMessage, res: ServerResponse, limit: number, variant: string): Promise<number> {
  const bytes = await readBody(req, res, limit);
  if (bytes === null) return 413;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    send(res, 400, 'the request body is not UTF-8 text\n');
    return 400;
  }
  let out;
  try {
    out = await answer(m, { body: text, contentType: String(req.headers['content-type'] ?? ''), accept: req.headers.accept });
  } catch (e) {
    send(res, 500, `the model failed on this request: ${(e as Error)?.message ?? String(e)}\n`);
    return 500;
  }
  if (out.status === 200) send(res, 200, out.body, out.contentType, { 'X-Amzn-Invoked-Production-Variant': variant });
  else send(res, out.status, `${out.body}\n`);
  return out.status;
}

/** An HTTP server answering for `model` (not yet listening: call `.listen(port, host)`). */
export function createInferenceServer(model: DeployModel, options: InferenceServerOptions = {}): Server {
  const limit = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  if (!(Number.isFinite(limit) && limit > 0)) throw new RangeError(`maxPayloadBytes must be a positive number of bytes; got ${String(options.maxPayloadBytes)}`);
  const variant = options.variantName ?? 'AllTraffic';
  const server = createServer((req, res) => {
    const t0 = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    const done = (status: number) => options.onInvocation?.(status, performance.now() - t0);
    if (path === '/ping') {
      if (req.method === 'GET' || req.method === 'HEAD') send(res, 200, '');
      else send(res, 405, 'use GET /ping\n', undefined, { Allow: 'GET, HEAD' });
      req.resume();
      return;
    }
    if (path !== '/invocations') {
      send(res, 404, 'not found: this server answers GET /ping and POST /invocations\n');
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, 'use POST /invocations\n', undefined, { Allow: 'POST' });
      req.resume();
      return;
    }
    invoke(model, req, res, limit, variant).then(done, (e: unknown) => {
      send(res, 500, `the request failed: ${(e as Error)?.message ?? String(e)}\n`);
      done(500);
    });
  });
  // A malformed request line or headers: answer 400 and drop the socket instead of emitting an error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nmalformed HTTP request\n');
    else socket.destroy();
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  return server;
}
