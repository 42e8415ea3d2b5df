export { GpConnectJwtBuilder } from './gpconnect-jwt-builder';
export type { GpConnectJwtOptions, GpConnectJwtDeps, RequestingDevice, RequestingOrganization, PractitionerIdentity } from './gpconnect-jwt-builder';
