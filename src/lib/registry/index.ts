// SageMaker Model Registry kept in a StoreBackend.
export * from './types.ts';
export { createModelPackageGroup, listModelPackageGroups, registerModel, getModelPackage, updateApprovalStatus, listModelPackages, type RegisterModelInput } from './model-packages.ts';
