import { ServiceRuntime } from '@gpb/runtime';

/** A patient identifier as an IHE client sends it: assigning authority OID + id. */
export interface PatientIdentifier {
  readonly root: string;
  readonly extension: string;
}

const mapKey = (id: PatientIdentifier) => `patient:map:${id.root}:${id.extension}`;

/**
 * Remembers which NHS number a client's own patient id (e.g. an Epic Care Everywhere id) belongs to,
 * so a later ITI-38 naming only that id resolves. Key `patient:map:<root>:<extension>`, TTL
 * PATIENT_ID_MAP_TTL_SECONDS.
 */
export class PatientIdMap {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly ttlSeconds: number,
  ) {}

  async remember(ids: readonly PatientIdentifier[], nhsNumber: string): Promise<void> {
    await Promise.all(ids.map((id) => this.runtime.cache.set(mapKey(id), nhsNumber, this.ttlSeconds).catch(() => undefined)));
  }

  async lookup(id: PatientIdentifier): Promise<string | undefined> {
    const nhsNumber = await this.runtime.cache.get(mapKey(id)).catch(() => null);
    this.runtime.metrics.cacheLookups.inc({ service: this.runtime.service, cache: 'patient-id-map', result: nhsNumber ? 'hit' : 'miss' });
    return nhsNumber ?? undefined;
  }
}
