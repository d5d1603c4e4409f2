// `mlpad serve`: a saved model behind a local HTTP server that answers as SageMaker's inference containers
// do (GET /ping, POST /invocations), so client code written for an endpoint runs against it unchanged.
// It binds loopback by default: the server has no authentication, so on another interface anyone who can
// reach the port could use the model and read its answers; --allow-remote is the explicit opt-in.
import type { AddressInfo } from 'node:net';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { MAX_PAYLOAD_BYTES } from '../../lib/deploy/invoke.ts';
import { createInferenceServer } from '../serve-server.ts';
import { readDeployModel } from './transform.ts';

const HINT = 'mlpad serve --help';

/** Whether `host` names a loopback address (127.0.0.0/8, ::1 or localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve a saved model over HTTP as a SageMaker endpoint container does (POST /invocations, GET /ping)',
  description:
    'Requests: text/csv rows without a header in the model\'s input order, application/json {"instances": [...]}\n' +
    'or {"features": [...]}, application/jsonlines. Answers in the Accept type (application/json, text/csv,\n' +
    'application/jsonlines; xgboost defaults to text/csv) with SageMaker\'s fields for the algorithm.\n' +
    'Binds 127.0.0.1 unless --host names another address AND --allow-remote is given: the server has no\n' +
    'authentication, so anyone who can reach it could use the model. Ctrl-C (SIGINT) or SIGTERM stops it.',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'model file (from mlpad train, or XGBoost JSON from Booster.save_model)' },
    { name: 'port', type: 'string', valueName: 'N', help: 'TCP port; 0 picks a free one (default: 8080, as SageMaker containers)' },
    { name: 'host', type: 'string', valueName: 'ADDRESS', help: 'address to bind (default: 127.0.0.1)' },
    { name: 'allow-remote', type: 'boolean', help: 'allow a --host that is not loopback (the server has no authentication)' },
    { name: 'max-payload-mb', type: 'string', valueName: 'MB', help: 'largest request body; larger get 413 (default: 6, SageMaker\'s limit)' },
    { name: 'variant-name', type: 'string', valueName: 'NAME', help: 'production variant named in X-Amzn-Invoked-Production-Variant (default: AllTraffic)' },
  ],
  async run(flags, io) {
    const portText = (flags.port as string | undefined) ?? '8080';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535; got ${JSON.stringify(portText)}`, HINT);
    const host = (flags.host as string | undefined) ?? '127.0.0.1';
    if (!isLoopback(host) && flags['allow-remote'] !== true) {
      throw new UsageError(`refusing to bind to ${JSON.stringify(host)}: it is not a loopback address and the server has no authentication, so anyone who can reach it could use the model and read its answers; pass --allow-remote to bind there anyway`, HINT);
    }
    const mbText = flags['max-payload-mb'] as string | undefined;
    const mb = mbText === undefined ? MAX_PAYLOAD_BYTES / 1024 / 1024 : Number(mbText);
    if (!Number.isFinite(mb) || mb <= 0 || mb > 1024) throw new UsageError(`--max-payload-mb must be a number above 0 and at most 1024; got ${JSON.stringify(mbText)}`, HINT);
    const modelPath = flags.model as string;
    const m = await readDeployModel(io, modelPath);
    await m.ready();
    const server = createInferenceServer(m, { maxPayloadBytes: Math.round(mb * 1024 * 1024), variantName: flags['variant-name'] as string | undefined });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(new CliError(e.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use; pick another with --port (0 picks a free one)` : `cannot listen on ${host}:${port}: ${e.message}`)));
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    io.stdout(`mlpad: serving the ${m.facts.algorithm} model ${modelPath} at http://${shown}:${address.port} (POST /invocations, GET /ping); Ctrl-C stops\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.stderr('mlpad: server stopped\n');
    return 0;
  },
};
