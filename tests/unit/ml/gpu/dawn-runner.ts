// Runs a WebGPU script under Dawn (the `webgpu` package) in a child process and parses the JSON line it
// prints last. Dawn reads VK_ICD_FILENAMES and loads libvulkan.so.1 when the package loads, so the script
// must start with that environment: Chromium's SwiftShader ICD.
import { execFile } from 'node:child_process';

/** Chromium's SwiftShader Vulkan driver, which Dawn finds through VK_ICD_FILENAMES. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Runs `npx tsx script` with the SwiftShader environment; resolves to its last stdout line as JSON. */
export function runDawnScript<T>(script: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', script], {
      env: { ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD, LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
      timeout: timeoutMs,
    }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try { resolve(JSON.parse(line) as T); } catch { reject(new Error(`runner failed (${err?.message ?? 'no JSON'}):\n${stdout}\n${stderr}`)); }
    });
  });
}
