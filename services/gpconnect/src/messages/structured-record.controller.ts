import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HealthReply, Result, StructuredRecordReply, StructuredRecordRequest, Subjects, contractError, fail, ok } from '@gpb/contracts';
import { RUNTIME, ServiceRuntime, healthReply } from '@gpb/runtime';
import { GpConnectConfig } from '../config';
import { StructuredRecordClient } from '../structured-record';

export const GPCONNECT_CONFIG = Symbol('GpConnectConfig');

@Controller()
export class StructuredRecordController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(StructuredRecordClient) private readonly records: StructuredRecordClient,
    @Inject(GPCONNECT_CONFIG) private readonly config: GpConnectConfig,
  ) {}

  /** The record goes into the blob store: records reach several MB, over what a NATS message may carry. */
  @MessagePattern(Subjects.gpconnectRecord.subject)
  async structuredRecord(@Payload() request: StructuredRecordRequest): Promise<Result<StructuredRecordReply>> {
    if (typeof request?.nhsNumber !== 'string' || typeof request.odsCode !== 'string') {
      return fail(contractError('INVALID_REQUEST', 'a structured record request needs an NHS number and a practice ODS code'));
    }
    const record = await this.records.get(request);
    if (!record.ok) return record;
    const bundle = await this.runtime.blobs.put(record.value.bundleJson, this.config.recordTtlSeconds);
    return ok({ bundle, provider: record.value.provider, retrievedAt: new Date().toISOString() });
  }

  @MessagePattern(Subjects.gpconnectHealth.subject)
  health(): Promise<Result<HealthReply>> {
    return healthReply(this.runtime);
  }
}
