// `mlpad algorithms [--algorithm NAME]`: the registry as a user reads it. Without a name, one line per
// algorithm (kind, tasks, what it is); with one, every hyperparameter with its SageMaker name, type, default,
// valid range and one line of help, straight from the schema the Train form and `--hp` use.
import { describeRange, type HyperparameterSpec } from '../../lib/ml/hyperparameters.ts';
import { algorithmNames, getAlgorithm } from '../../lib/ml/registry.ts';
import type { CliCommand } from '../command.ts';
import { algorithmOrUsage } from './train.ts';

function kindOf(name: string): string {
  const e = getAlgorithm(name);
  return e.kind === 'supervised' ? e.tasks.join(', ') : e.kind;
}

function valuesOf(spec: HyperparameterSpec): string {
  if (spec.type === 'enum') return `${spec.list ? 'comma list of ' : ''}${(spec.values ?? []).join(' | ')}`;
  if (spec.type === 'bool') return 'true | false';
  return `${spec.type === 'int' ? 'integer' : 'number'} in ${describeRange(spec)}`;
}

export const algorithmsCommand: CliCommand = {
  name: 'algorithms',
  summary: 'List the built-in algorithms, or one algorithm\'s hyperparameters',
  description: 'Hyperparameters are given to `mlpad train` as --hp NAME=VALUE, by the names listed here (SageMaker\'s).',
  flags: [{ name: 'algorithm', type: 'string', valueName: 'NAME', help: 'show this algorithm\'s hyperparameters' }],
  async run(flags, io) {
    const name = flags.algorithm as string | undefined;
    if (name === undefined) {
      const width = Math.max(...algorithmNames().map((n) => n.length)) + 2;
      const lines = algorithmNames().map((n) => `${n.padEnd(width)}${kindOf(n).padEnd(36)}${getAlgorithm(n).description}`);
      io.stdout(`${lines.join('\n')}\n\nRun 'mlpad algorithms --algorithm NAME' for its hyperparameters.\n`);
      return 0;
    }
    const e = algorithmOrUsage(name, 'mlpad algorithms --help');
    const lines = [`${e.name} (${kindOf(e.name)}; target ${e.target}): ${e.description}`, ''];
    for (const spec of e.schema) {
      const dflt = spec.default === null ? 'unset' : String(spec.default);
      lines.push(`  ${spec.name}${spec.aliases?.length ? ` (also ${spec.aliases.join(', ')})` : ''}`);
      lines.push(`      ${valuesOf(spec)}; default ${dflt}`);
      lines.push(`      ${spec.help}`);
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
