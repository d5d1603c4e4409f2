// Local ARNs: every lineage entity (experiment, run, artifact, model package…) is named as SageMaker would name
// it, in a partition of its own ('mlpad') with region and account 'local', so a graph edge is two strings.

/** The resource kinds mlpad names, as SageMaker spells them in ARNs. */
export const ARN_KINDS = ['experiment', 'experiment-trial-component', 'artifact', 'model-package-group', 'model-package', 'monitoring-schedule'] as const;
export type ArnKind = (typeof ARN_KINDS)[number];

/** Every local ARN starts with this. */
export const ARN_PREFIX = 'arn:mlpad:sagemaker:local:local:';

/** The ARN of resource `name` of `kind`, e.g. arnOf('experiment-trial-component', 'run-1'). */
export function arnOf(kind: ArnKind, name: string): string {
  return `${ARN_PREFIX}${kind}/${name}`;
}

/** The kind and name of a local ARN, or undefined when `arn` is not one. */
export function parseArn(arn: string): { kind: ArnKind; name: string } | undefined {
  if (typeof arn !== 'string' || !arn.startsWith(ARN_PREFIX)) return undefined;
  const rest = arn.slice(ARN_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  const kind = rest.slice(0, slash) as ArnKind;
  if (!ARN_KINDS.includes(kind)) return undefined;
  return { kind, name: rest.slice(slash + 1) };
}

export const experimentArn = (name: string) => arnOf('experiment', name);
export const runArn = (runName: string) => arnOf('experiment-trial-component', runName);
/** Artifacts are named by the SHA-256 of their bytes, so the same dataset is one node however often it is used. */
export const artifactArn = (hash: string) => arnOf('artifact', hash);
export const modelPackageGroupArn = (group: string) => arnOf('model-package-group', group);
export const modelPackageArn = (group: string, version: number) => arnOf('model-package', `${group}/${version}`);
export const monitorArn = (name: string) => arnOf('monitoring-schedule', name);
