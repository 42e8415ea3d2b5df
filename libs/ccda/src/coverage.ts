import { ConversionContext } from './conversion-context';

/** What became of the record's clinical content: every List-referenced resource is accounted for. */
export interface CoverageReport {
  /** Clinical resources the record's Lists reference (and the Bundle holds), by type. */
  readonly referenced: Readonly<Record<string, number>>;
  /** Of those, how many became coded entries, by type. */
  readonly entries: Readonly<Record<string, number>>;
  /** How many are in the document as narrative rows only, by type. */
  readonly narrativeOnly: Readonly<Record<string, number>>;
  /** How many are in neither: always empty unless a section builder has a bug. */
  readonly unaccounted: Readonly<Record<string, number>>;
}

export function coverageReport(context: ConversionContext): CoverageReport {
  const referenced: Record<string, number> = {};
  const entries: Record<string, number> = {};
  const narrativeOnly: Record<string, number> = {};
  const unaccounted: Record<string, number> = {};
  const add = (counts: Record<string, number>, type: string) => {
    counts[type] = (counts[type] ?? 0) + 1;
  };
  for (const resource of context.listedResources()) {
    add(referenced, resource.resourceType);
    const how = context.disposition(resource);
    if (how === 'entry') add(entries, resource.resourceType);
    else if (how === 'narrative') add(narrativeOnly, resource.resourceType);
    else add(unaccounted, resource.resourceType);
  }
  return { referenced, entries, narrativeOnly, unaccounted };
}
