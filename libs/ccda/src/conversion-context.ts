import { listNotices } from './cda/narrative';
import { ListResource, Reference, Resource, objects } from './record/fhir';
import { StructuredRecord } from './record/structured-record';

export type Disposition = 'entry' | 'narrative';

/**
 * What every section builder shares: the record, the document id for entry ids, and the ledger of
 * which source resources have been carried into the document and how — so that nothing a List
 * references is dropped silently and nothing is entered twice.
 */
export class ConversionContext {
  private readonly ledger = new Map<Resource, Disposition>();

  constructor(
    readonly record: StructuredRecord,
    readonly documentId: string,
  ) {}

  /** Records that `resource` is in the document; an entry outranks a narrative row. */
  carried(resource: Resource, how: Disposition): void {
    if (this.ledger.get(resource) !== 'entry') this.ledger.set(resource, how);
  }

  /**
   * Runs one item's conversion. A resource too damaged to convert must not take the document down:
   * it is left uncarried (and so listed under "Other items") and the failure is counted.
   */
  safely(resource: Resource, work: () => void): void {
    try {
      work();
    } catch {
      this.failures += 1;
      this.ledger.delete(resource);
    }
  }

  private readonly announced = new Set<ListResource>();

  /** The warnings, notes and empty reasons of `lists`, remembered as shown. */
  notices(lists: readonly ListResource[], areaName: string): string[] {
    for (const list of lists) this.announced.add(list);
    return listNotices(lists, areaName);
  }

  /** Lists whose warnings no section has shown yet (e.g. a consultation's topic Lists). */
  unannouncedLists(): ListResource[] {
    return this.record.lists.filter((list) => !this.announced.has(list));
  }

  /** How many items could not be converted (they are shown as other items instead). */
  failures = 0;

  isCarried(resource: Resource): boolean {
    return this.ledger.has(resource);
  }

  disposition(resource: Resource): Disposition | undefined {
    return this.ledger.get(resource);
  }

  /** Every clinical resource the Lists reference, following nested Lists (consultation → topic → category). */
  listedResources(lists: readonly ListResource[] = this.record.lists): Resource[] {
    const found: Resource[] = [];
    const seen = new Set<Resource>();
    const visit = (list: ListResource) => {
      for (const entry of objects<{ item?: Reference }>(list.entry)) {
        const resource = this.record.resolve(entry.item, list);
        if (!resource || seen.has(resource)) continue;
        seen.add(resource);
        if (resource.resourceType === 'List') visit(resource as ListResource);
        else found.push(resource);
      }
    };
    for (const list of lists) visit(list);
    return found;
  }
}
