export { soapIngressService } from './soap-ingress.service';
export { readSoapIngressConfig } from './config';
export type { SoapIngressConfig } from './config';
