// `mlpad` in-process: main() with stdout and stderr captured, for the finer CLI cases without a process each.
import { nodeIO, type CliIO } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';

/** Runs `mlpad argv…` through main(); resolves to the exit code and what was printed. */
export async function runMlpad(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIO = { ...nodeIO, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
