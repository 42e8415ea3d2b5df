export { startNhsSandbox } from './start-sandbox';
export type { NhsSandboxOptions, RunningSandbox } from './start-sandbox';
export { FaultInjector } from './faults/fault-injector';
export type { FaultSpec, Upstream } from './faults/fault-injector';
export type { PublicKeySource } from './oauth/jwks-source';
