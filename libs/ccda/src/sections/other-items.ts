import { XmlElement } from '@gpb/xml';
import { conceptText } from '../cda/coded';
import { NarrativeIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { displayDate } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { CodeableConcept, Resource, text } from '../record/fhir';
import { buildSection } from './section';

/**
 * Whatever the Lists reference that no other section carried, as readable rows, so nothing in the
 * GP record is dropped silently. Empty (and so absent) when every item found a home.
 */
export function otherItemsSection(context: ConversionContext): XmlElement | undefined {
  const leftovers = context.listedResources().filter((resource) => !context.isCarried(resource));
  // Warnings on Lists no section stands for (a consultation's topics, "related" Lists) must reach the reader too.
  const notices = context
    .unannouncedLists()
    .flatMap((list) => (list.extension?.length || list.note || list.emptyReason ? context.notices([list], 'record') : []))
    .filter((notice, index, all) => all.indexOf(notice) === index);
  if (leftovers.length === 0 && notices.length === 0) return undefined;
  const ids = new NarrativeIds('other');
  const rows: NarrativeRow[] = leftovers.map((resource) => {
    context.carried(resource, 'narrative');
    const item = resource as Resource & { code?: CodeableConcept; type?: CodeableConcept; description?: unknown; effectiveDateTime?: unknown; date?: unknown; created?: unknown };
    return {
      id: ids.next(),
      cells: [String(resource.resourceType), item.code ? conceptText(item.code) : item.type ? conceptText(item.type) : text(item.description) ?? '—', displayDate(item.effectiveDateTime ?? item.date ?? item.created)],
    };
  });
  return buildSection(
    {
      loinc: '48767-8',
      loincName: 'Annotation comment',
      title: 'Other items and notices from the GP record',
      headers: ['Kind', 'Item', 'Date'],
    },
    rows,
    [...(leftovers.length > 0 ? ['These items are in the GP record but have no coded place in this document.'] : []), ...notices],
    [],
  );
}
