import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HealthReply, PatientLookup, PatientRead, PatientSearch, Result, Subjects, contractError, fail } from '@gpb/contracts';
import { RUNTIME, ServiceRuntime, healthReply } from '@gpb/runtime';
import { PdsClient } from '../patient-lookup';

@Controller()
export class PatientController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(PdsClient) private readonly pds: PdsClient,
  ) {}

  @MessagePattern(Subjects.pdsRead.subject)
  read(@Payload() request: PatientRead): Promise<Result<PatientLookup>> {
    if (typeof request?.nhsNumber !== 'string') return Promise.resolve(fail(contractError('INVALID_REQUEST', 'a patient read needs an NHS number')));
    return this.pds.read(request.nhsNumber);
  }

  @MessagePattern(Subjects.pdsSearch.subject)
  search(@Payload() request: PatientSearch): Promise<Result<PatientLookup>> {
    if (typeof request?.family !== 'string' || typeof request.birthDate !== 'string') {
      return Promise.resolve(fail(contractError('INVALID_REQUEST', 'a patient search needs a family name and a birth date')));
    }
    return this.pds.search(request);
  }

  @MessagePattern(Subjects.pdsHealth.subject)
  health(): Promise<Result<HealthReply>> {
    return healthReply(this.runtime);
  }
}
