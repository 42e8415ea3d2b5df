import { Module } from '@nestjs/common';
import { Subjects } from '@gpb/contracts';
import { RUNTIME, ServiceDefinition } from '@gpb/runtime';
import { SoapIngressConfig, readSoapIngressConfig } from './config';
import { DocumentQueryHandler } from './document-query/document-query.handler';
import { DocumentRetrieveHandler } from './document-retrieve/document-retrieve.handler';
import { DocumentRegistry } from './documents/document-registry';
import { SoapExchangeHandler } from './exchange/soap-exchange-handler';
import { SoapExchangeController } from './messages/soap-exchange.controller';
import { PatientDiscoveryHandler } from './patient-discovery/patient-discovery.handler';
import { PatientIdMap } from './patients/patient-id-map';

@Module({})
class SoapIngressModule {}

/** soap-ingress: reads IHE SOAP requests, orchestrates pds, gpconnect and ccda, and writes the IHE answers. */
export const soapIngressService: ServiceDefinition<SoapIngressConfig> = {
  name: 'soap-ingress',
  queue: Subjects.soapHandle.queue,
  defaultOpsPort: 9101,
  readConfig: readSoapIngressConfig,
  async createModule(runtime, config) {
    const idMap = new PatientIdMap(runtime, config.patientIdMapTtlSeconds);
    const documents = new DocumentRegistry(runtime, config);
    const patientDiscovery = new PatientDiscoveryHandler(runtime, config, idMap);
    const exchanges = new SoapExchangeHandler(runtime, config, {
      iti55: patientDiscovery,
      iti47: patientDiscovery,
      iti38: new DocumentQueryHandler(runtime, config, idMap, documents),
      iti39: new DocumentRetrieveHandler(runtime, config, documents),
    });
    return {
      module: SoapIngressModule,
      controllers: [SoapExchangeController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: SoapExchangeHandler, useValue: exchanges },
      ],
    };
  },
};
