// SageMaker ML Lineage Tracking kept in a StoreBackend.
export * from './types.ts';
export * from './arn.ts';
export { addAssociation, listAssociations, deleteAssociation, associationPut, associationId, type AssociationInput } from './associations.ts';
export { lineageGraph, type LineageGraph, type LineageNode, type LineageEdge } from './graph.ts';
