import { Resource } from './record/fhir';
import { StructuredRecord } from './record/structured-record';

/** What became of the record's clinical content: every List-referenced resource is accounted for. */
export interface CoverageReport {
  /** Clinical resources the record's Lists reference (and the Bundle holds), by type. */
  readonly referenced: Readonly<Record<string, number>>;
  /** Of those, how many became coded entries, by type. */
  readonly entries: Readonly<Record<string, number>>;
  /** How many the document does not carry yet, by type. */
  readonly notConverted: Readonly<Record<string, number>>;
}

export function coverageReport(record: StructuredRecord, converted: readonly Readonly<Record<string, number>>[]): CoverageReport {
  const referenced: Record<string, number> = {};
  const seen = new Set<Resource>();
  for (const list of record.lists) {
    for (const entry of list.entry ?? []) {
      const resource = record.resolve(entry.item, list);
      if (!resource || resource.resourceType === 'List' || seen.has(resource)) continue;
      seen.add(resource);
      referenced[resource.resourceType] = (referenced[resource.resourceType] ?? 0) + 1;
    }
  }
  const entries: Record<string, number> = {};
  for (const counts of converted) for (const [type, n] of Object.entries(counts)) entries[type] = (entries[type] ?? 0) + n;
  const notConverted: Record<string, number> = {};
  for (const [type, n] of Object.entries(referenced)) {
    const missing = n - (entries[type] ?? 0);
    if (missing > 0) notConverted[type] = missing;
  }
  return { referenced, entries, notConverted };
}
