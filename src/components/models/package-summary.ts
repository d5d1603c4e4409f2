// What the versions table and the version detail show of a model package: its key metrics, the file name a
// download gets, and a sentence per approval status.
import type { ModelApprovalStatus, ModelPackage } from '../../lib/registry/types.ts';

/** Up to `n` metrics worth a column: final validation metrics first, then final test/train, then the rest, each by name. */
export function keyMetrics(metrics: Record<string, number>, n = 2): { name: string; value: number }[] {
  const rank = (k: string) => (k.startsWith('final.validation:') ? 0 : k.startsWith('final.test:') ? 1 : k.startsWith('final.') ? 2 : k.startsWith('best:') ? 3 : k.startsWith('validation:') ? 4 : 5);
  return Object.entries(metrics)
    .filter(([, v]) => Number.isFinite(v))
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map(([name, value]) => ({ name, value }));
}

/** The file name a downloaded model gets: 'group-v3-model.json', the extension from the recorded file name ('.bin' when it has none). */
export function modelFileName(pkg: Pick<ModelPackage, 'ModelPackageGroupName' | 'ModelPackageVersion'>, recordedName?: string): string {
  const dot = recordedName ? recordedName.lastIndexOf('.') : -1;
  const ext = recordedName && dot > 0 && /^[A-Za-z0-9]{1,10}$/.test(recordedName.slice(dot + 1)) ? recordedName.slice(dot + 1) : 'bin';
  return `${pkg.ModelPackageGroupName}-v${pkg.ModelPackageVersion}-model.${ext}`;
}

/** The words for a status (SageMaker's value is kept in data attributes). */
export const STATUS_WORDS: Record<ModelApprovalStatus, string> = {
  PendingManualApproval: 'Pending approval',
  Approved: 'Approved',
  Rejected: 'Rejected',
};
