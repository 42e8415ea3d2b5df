import { createHash } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { buildCcd } from '@gpb/ccda';
import { BuildDocumentReply, BuildDocumentRequest, HealthReply, Result, Subjects, contractError, fail, ok } from '@gpb/contracts';
import { RUNTIME, ServiceRuntime, healthReply } from '@gpb/runtime';

@Controller()
export class DocumentBuildController {
  constructor(@Inject(RUNTIME) private readonly runtime: ServiceRuntime) {}

  @MessagePattern(Subjects.ccdaBuild.subject)
  async build(@Payload() request: BuildDocumentRequest): Promise<Result<BuildDocumentReply>> {
    const bundleText = await this.runtime.blobs.get(request.bundle);
    if (bundleText === null) return fail(contractError('INTERNAL', 'the structured record expired from the blob store before conversion', true));
    let bundle: unknown;
    try {
      bundle = JSON.parse(bundleText);
    } catch {
      return fail(contractError('INVALID_BUNDLE', 'the structured record is not valid JSON'));
    }
    const createdAt = new Date();
    const converted = buildCcd(bundle, { documentId: request.documentId, createdAt });
    if (!converted.ok) return fail(contractError('INVALID_BUNDLE', converted.problem));

    const document = await this.runtime.blobs.put(converted.xml, request.ttlSeconds, `document:${request.documentId}`);
    const bytes = Buffer.from(converted.xml, 'utf8');
    const { summary } = converted;
    return ok({
      document,
      documentId: request.documentId,
      title: summary.title,
      sha1: createHash('sha1').update(bytes).digest('hex'),
      size: bytes.length,
      creationTime: hl7Timestamp(createdAt),
      serviceStartTime: summary.serviceStart,
      serviceStopTime: summary.serviceStop,
      confidentialityCode: summary.confidentialityCode,
      languageCode: summary.languageCode,
      custodian: summary.custodian,
    });
  }

  @MessagePattern(Subjects.ccdaHealth.subject)
  health(): Promise<Result<HealthReply>> {
    return healthReply(this.runtime);
  }
}

/** XDS creationTime: UTC, HL7 DTM to the second. */
function hl7Timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
