export { buildCcd } from './build-ccd';
export type { BuildCcdOptions, BuildCcdResult, DocumentSummary } from './build-ccd';
export type { CoverageReport } from './coverage';
