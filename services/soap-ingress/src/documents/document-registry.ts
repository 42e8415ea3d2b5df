import { getJson, setJson } from '@gpb/cache';
import { BlobRef, BuildDocumentReply, Requester, Result, Subjects, ok } from '@gpb/contracts';
import { ServiceRuntime } from '@gpb/runtime';
import { SoapIngressConfig } from '../config';
import { newDocumentUniqueId, newEntryUuid } from './document-id';

/** What we know about a document we generated: enough to advertise it, serve it and regenerate it. */
export interface DocumentRecord extends Omit<BuildDocumentReply, 'document' | 'documentId'> {
  readonly uniqueId: string;
  readonly entryUuid: string;
  readonly nhsNumber: string;
  readonly odsCode: string;
  readonly document: BlobRef;
}

const metaKey = (uniqueId: string) => `doc:meta:${uniqueId}`;

const entryKey = (entryUuid: string) => `doc:entry:${entryUuid}`;
const onDemandKey = (uniqueId: string) => `doc:ondemand:${uniqueId}`;


/** An On-Demand entry: the promise of a GP summary generated when it is retrieved. */
export interface OnDemandRecord {
  readonly uniqueId: string;
  readonly entryUuid: string;
  readonly nhsNumber: string;
  readonly odsCode: string;
}

/**
 * Owns the generated-document keys (patients named by keyed hashes): `doc:meta:<uniqueId>` (kept for DOCUMENT_INDEX_TTL_SECONDS so an
 * evicted document can be regenerated under the same uniqueId) and `doc:patient:<hash>` → the
 * patient's current document (DOCUMENT_TTL_SECONDS, the same TTL as the document body).
 */
export class DocumentRegistry {
  private readonly inFlight = new Map<string, Promise<Result<DocumentRecord>>>();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly config: SoapIngressConfig,
  ) {}

  private currentKey(nhsNumber: string): string {
    return `doc:patient:${this.runtime.pseudonyms.of('nhs-number', nhsNumber)}`;
  }

  private onDemandPatientKey(nhsNumber: string): string {
    return `doc:ondemand-patient:${this.runtime.pseudonyms.of('nhs-number', nhsNumber)}`;
  }

  /** The patient's document if one is still cached. */
  async current(nhsNumber: string): Promise<DocumentRecord | undefined> {
    const uniqueId = await this.runtime.cache.get(this.currentKey(nhsNumber)).catch(() => null);
    const record = uniqueId ? await this.find(uniqueId) : undefined;
    this.runtime.metrics.cacheLookups.inc({ service: this.runtime.service, cache: 'current-document', result: record ? 'hit' : 'miss' });
    return record;
  }

  async find(uniqueId: string): Promise<DocumentRecord | undefined> {
    return getJson<DocumentRecord>(this.runtime.cache, metaKey(uniqueId));
  }

  /** The uniqueId an entryUUID stands for (stable or On-Demand), for GetDocuments by entryUUID. */
  async uniqueIdOf(entryUuid: string): Promise<string | undefined> {
    return (await this.runtime.cache.get(entryKey(entryUuid)).catch(() => null)) ?? undefined;
  }

  /**
   * The patient's On-Demand entry: the same ids for every query while it is remembered, so a client
   * can retrieve what it found. Random ids: they must not reveal the NHS number.
   */
  async onDemandEntry(nhsNumber: string, odsCode: string): Promise<OnDemandRecord> {
    const known = await getJson<OnDemandRecord>(this.runtime.cache, this.onDemandPatientKey(nhsNumber));
    const record: OnDemandRecord = known ? { ...known, odsCode } : { uniqueId: newDocumentUniqueId(), entryUuid: newEntryUuid(), nhsNumber, odsCode };
    const ttl = this.config.documentIndexTtlSeconds;
    await Promise.all([
      setJson(this.runtime.cache, this.onDemandPatientKey(nhsNumber), record, ttl),
      setJson(this.runtime.cache, onDemandKey(record.uniqueId), record, ttl),
      this.runtime.cache.set(entryKey(record.entryUuid), record.uniqueId, ttl).catch(() => undefined),
    ]);
    return record;
  }

  async findOnDemand(uniqueId: string): Promise<OnDemandRecord | undefined> {
    return getJson<OnDemandRecord>(this.runtime.cache, onDemandKey(uniqueId));
  }

  /** Fetches a fresh GP record and converts it. Concurrent calls for one patient share the work. */
  generate(nhsNumber: string, odsCode: string, requester?: Requester, uniqueId?: string): Promise<Result<DocumentRecord>> {
    const key = `${nhsNumber}|${uniqueId ?? ''}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.build(nhsNumber, odsCode, requester, uniqueId).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async build(nhsNumber: string, odsCode: string, requester: Requester | undefined, existingId: string | undefined): Promise<Result<DocumentRecord>> {
    const record = await this.runtime.bus.call(Subjects.gpconnectRecord, { nhsNumber, odsCode, requester });
    if (!record.ok) return record;
    const uniqueId = existingId ?? newDocumentUniqueId();
    const built = await this.runtime.bus.call(Subjects.ccdaBuild, {
      bundle: record.value.bundle,
      documentId: uniqueId,
      ttlSeconds: this.config.documentTtlSeconds,
    });
    if (!built.ok) return built;
    const { documentId: _documentId, ...metadata } = built.value;
    const previous = existingId ? await this.find(existingId) : undefined;
    const document: DocumentRecord = {
      ...metadata,
      uniqueId,
      entryUuid: previous?.entryUuid ?? newEntryUuid(),
      nhsNumber,
      odsCode,
    };
    await setJson(this.runtime.cache, metaKey(uniqueId), document, this.config.documentIndexTtlSeconds);
    await this.runtime.cache.set(entryKey(document.entryUuid), uniqueId, this.config.documentIndexTtlSeconds).catch(() => undefined);
    await this.runtime.cache.set(this.currentKey(nhsNumber), uniqueId, this.config.documentTtlSeconds).catch(() => undefined);
    return ok(document);
  }
}
