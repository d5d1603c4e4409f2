// Where a command's output goes. Commands write through this instead of process.stdout so tests can run
// main() in-process and read what it printed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.ts';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The bytes of `path`; a missing or unreadable file is a CliError naming it. */
  readFile(path: string): Promise<Uint8Array>;
  /** Write `text` to `path`, creating its folder; failure is a CliError naming it. */
  writeFile(path: string, text: string): Promise<void>;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Files on disk and the process's own stdout/stderr. */
export const nodeIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  async readFile(path) {
    try {
      const buf = await readFile(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (error) {
      throw new CliError(`cannot read ${JSON.stringify(path)}: ${reason(error)}`);
    }
  },
  async writeFile(path, text) {
    try {
      await mkdir(dirname(resolve(path)), { recursive: true });
      await writeFile(path, text);
    } catch (error) {
      throw new CliError(`cannot write ${JSON.stringify(path)}: ${reason(error)}`);
    }
  },
};
