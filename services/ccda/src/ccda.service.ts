import { Module } from '@nestjs/common';
import { Subjects } from '@gpb/contracts';
import { RUNTIME, ServiceDefinition } from '@gpb/runtime';
import { DocumentBuildController } from './document-build/document-build.controller';

@Module({})
class CcdaModule {}

/** The ccda service: GP Connect structured record (FHIR STU3) → C-CDA R2.1 CCD. Pure and CPU-bound; no settings. */
export const ccdaService: ServiceDefinition<Record<string, never>> = {
  name: 'ccda',
  queue: Subjects.ccdaBuild.queue,
  defaultOpsPort: 9104,
  readConfig: () => ({}),
  createModule: async (runtime) => ({
    module: CcdaModule,
    controllers: [DocumentBuildController],
    providers: [{ provide: RUNTIME, useValue: runtime }],
  }),
};
