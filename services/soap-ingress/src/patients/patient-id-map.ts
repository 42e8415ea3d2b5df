import { ServiceRuntime } from '@gpb/runtime';

/** A patient identifier as an IHE client sends it: assigning authority OID + id. */
export interface PatientIdentifier {
  readonly root: string;
  readonly extension: string;
}


/**
 * Remembers which NHS number a client's own patient id (e.g. an Epic Care Everywhere id) belongs to,
 * so a later ITI-38 naming only that id resolves. Key `patient:map:<keyed hash of root|extension>`, TTL
 * PATIENT_ID_MAP_TTL_SECONDS.
 */
export class PatientIdMap {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly ttlSeconds: number,
  ) {}

  /** A client's MRN identifies a patient as surely as an NHS number: it is named by a keyed hash too. */
  private mapKey(id: PatientIdentifier): string {
    return `patient:map:${this.runtime.pseudonyms.of('client-id', `${id.root}|${id.extension}`)}`;
  }

  async remember(ids: readonly PatientIdentifier[], nhsNumber: string): Promise<void> {
    await Promise.all(ids.map((id) => this.runtime.cache.set(this.mapKey(id), nhsNumber, this.ttlSeconds).catch(() => undefined)));
  }

  async lookup(id: PatientIdentifier): Promise<string | undefined> {
    const nhsNumber = await this.runtime.cache.get(this.mapKey(id)).catch(() => null);
    this.runtime.metrics.cacheLookups.inc({ service: this.runtime.service, cache: 'patient-id-map', result: nhsNumber ? 'hit' : 'miss' });
    return nhsNumber ?? undefined;
  }
}
