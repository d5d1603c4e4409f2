// Where an XGBoost fit builds its histograms: tree_method gpu_hist asks for WebGPU on any adapter
// (software ones too) and fails without one; auto takes a hardware adapter for data of at least
// AUTO_GPU_MIN_CELLS cells and otherwise stays on the CPU, saying why.
import { HyperparameterError } from '../hyperparameters.ts';
import { requestComputeDevice, type ComputeAdapterInfo } from '../gpu/device.ts';

/** tree_method auto moves to WebGPU from this many cells (rows × features): below it a dispatch costs more than it saves. */
export const AUTO_GPU_MIN_CELLS = 1_000_000;

/** A device to build histograms on (owned: the caller destroys it) or the CPU, with the sentence why. */
export interface ComputeChoice {
  device: GPUDevice | null;
  /** Whether the caller must destroy `device` after the fit. */
  owned: boolean;
  label: string;
  reason?: string;
}

export function adapterLabel(info: ComputeAdapterInfo, software: boolean): string {
  const name = [info.vendor, info.architecture || info.device || info.description].filter(Boolean).join(', ') || 'unnamed adapter';
  return `WebGPU (${name}${software ? '; software' : ''})`;
}

/** Chooses for `treeMethod` on data of `cells` cells; `given` is a caller's device (used as is, never destroyed). */
export async function chooseCompute(treeMethod: string, cells: number, given?: GPUDevice): Promise<ComputeChoice> {
  const cpu = (reason?: string): ComputeChoice => ({ device: null, owned: false, label: 'CPU', ...(reason ? { reason } : {}) });
  if (treeMethod === 'hist') return cpu();
  if (given) return { device: given, owned: false, label: 'WebGPU' };
  if (treeMethod === 'gpu_hist') {
    const got = await requestComputeDevice();
    if (!got.device) throw new HyperparameterError('tree_method', `tree_method gpu_hist needs WebGPU: ${got.reason} Set tree_method to hist (or auto) to train on the CPU.`);
    return { device: got.device, owned: true, label: adapterLabel(got.adapterInfo, got.software) };
  }
  if (cells < AUTO_GPU_MIN_CELLS) return cpu(`${cells.toLocaleString('en')} cells is below the ${AUTO_GPU_MIN_CELLS.toLocaleString('en')} where WebGPU pays off.`);
  const got = await requestComputeDevice(undefined, { allowSoftware: false });
  if (!got.device) return cpu(got.reason);
  return { device: got.device, owned: true, label: adapterLabel(got.adapterInfo, got.software) };
}
