// Runs bin/mlpad.js as a real process, the way a shell would, and collects what it printed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/mlpad.js', import.meta.url));

export interface MlpadRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mlpad ...args` with `cwd` as the working directory (MLPAD_DEBUG cleared, so errors print one line). */
export function spawnMlpad(cwd: string, ...args: string[]): Promise<MlpadRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, MLPAD_DEBUG: '' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
