import { Coding, Identifier, ListResource, Organization, Patient, Reference, Resource, objects, text } from './fhir';

/** SNOMED CT codes of the GP Connect clinical-area Lists. */
export const LIST_CODES = {
  allergies: '886921000000105',
  endedAllergies: '1103671000000101',
  medications: '933361000000108',
  problems: '717711000000103',
  immunisations: '1102181000000102',
  investigations: '887191000000108',
  uncategorised: '826501000000100',
  consultations: '1149501000000101',
  referrals: '792931000000107',
  diary: '714311000000108',
  consultation: '325851000000107',
  topic: '25851000000105',
  category: '24781000000107',
} as const;

export type ClinicalArea = keyof typeof LIST_CODES;

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** A GP Connect structured record with its references resolvable: the converter's view of the Bundle. */
export class StructuredRecord {
  private readonly byKey = new Map<string, Resource>();
  readonly resources: readonly Resource[];
  readonly patient: Patient;
  readonly lists: readonly ListResource[];

  private constructor(resources: readonly Resource[], patient: Patient) {
    this.resources = resources;
    this.patient = patient;
    for (const resource of resources) if (resource.id) this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
    this.lists = resources.filter((resource): resource is ListResource => resource.resourceType === 'List');
  }

  /** Reads a Bundle, or says clearly why it is not a GP Connect structured record. */
  static read(bundle: unknown): { ok: true; record: StructuredRecord } | { ok: false; problem: string } {
    if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) return { ok: false, problem: 'the input is not a JSON object' };
    const candidate = bundle as { resourceType?: unknown; entry?: unknown };
    if (candidate.resourceType !== 'Bundle') {
      return { ok: false, problem: `expected a FHIR Bundle, got resourceType ${JSON.stringify(candidate.resourceType ?? null)}` };
    }
    if (!Array.isArray(candidate.entry)) return { ok: false, problem: 'the Bundle has no entry array' };
    const resources: Resource[] = [];
    for (const entry of candidate.entry as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const wrapped = (entry as { resource?: unknown }).resource;
      // Some published examples put resources directly in entry[], without the `resource` wrapper.
      const resource = (typeof wrapped === 'object' && wrapped !== null ? wrapped : entry) as { resourceType?: unknown };
      if (typeof resource.resourceType === 'string') resources.push(resource as Resource);
    }
    const patients = resources.filter((resource): resource is Patient => resource.resourceType === 'Patient');
    if (patients.length === 0) return { ok: false, problem: 'the Bundle has no Patient: it is not a GP Connect structured record' };
    if (patients.length > 1) return { ok: false, problem: `the Bundle has ${patients.length} Patients; a structured record is about one patient` };
    return { ok: true, record: new StructuredRecord(resources, patients[0] as Patient) };
  }

  /**
   * The resource a reference names inside the Bundle (`Type/id`, or a full URL ending so), or —
   * for `#id` — among the resources contained in `container` (ended allergies come that way).
   */
  resolve<T extends Resource = Resource>(reference: Reference | undefined, container?: Resource): T | undefined {
    const ref = text(typeof reference === 'object' && reference !== null ? reference.reference : undefined);
    if (!ref) return undefined;
    if (ref.startsWith('#')) return objects<Resource>(container?.contained).find((resource) => resource.id === ref.slice(1)) as T | undefined;
    const parts = ref.split('/');
    const key = parts.slice(-2).join('/');
    return this.byKey.get(key) as T | undefined;
  }

  /** The Lists of one clinical area (usually one; consultations and allergies may have more). */
  listsFor(area: ClinicalArea): ListResource[] {
    return this.lists.filter((list) => objects<Coding>(list.code?.coding).some((coding) => coding.code === LIST_CODES[area]));
  }

  /** The resources a List points at that are in the Bundle, of the given type. */
  itemsOf<T extends Resource>(lists: readonly ListResource[], resourceType: T['resourceType']): T[] {
    const items: T[] = [];
    const seen = new Set<Resource>();
    for (const list of lists) {
      for (const entry of objects<{ item?: Reference }>(list.entry)) {
        const resource = this.resolve(entry.item, list);
        if (resource && resource.resourceType === resourceType && !seen.has(resource)) {
          seen.add(resource);
          items.push(resource as T);
        }
      }
    }
    return items;
  }

  /** The practice holding the record: the patient's managing organisation, else the first organisation. */
  practice(): { organization?: Organization; odsCode?: string } {
    const organization =
      this.resolve<Organization>(this.patient.managingOrganization) ??
      (this.resources.find((resource) => resource.resourceType === 'Organization') as Organization | undefined);
    const odsCode = text(objects<Identifier>(organization?.identifier).find((id) => id.system === ODS_SYSTEM)?.value);
    return { ...(organization ? { organization } : {}), ...(odsCode ? { odsCode } : {}) };
  }
}
