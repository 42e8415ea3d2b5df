import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText } from '../cda/coded';
import { NarrativeIds, entryId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { valueText } from '../cda/observation-value';
import { displayDate, intervalTime } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { CodeableConcept, Coding, Encounter, ListResource, Observation, Practitioner, Resource, objects } from '../record/fhir';
import { LIST_CODES } from '../record/structured-record';
import { buildSection } from './section';

/** Encounters: each consultation an Encounter Activity; what was recorded in it, by topic and heading, as its narrative. */
export function encountersSection(context: ConversionContext): XmlElement {
  const { record } = context;
  const lists = record.listsFor('consultations');
  const encounters = record.itemsOf<Encounter>(lists, 'Encounter');
  const consultations = record.lists.filter((list) => objects<Coding>(list.code?.coding).some((coding) => coding.code === LIST_CODES.consultation));
  const ids = new NarrativeIds('encounter');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const encounter of encounters) context.safely(encounter, () => {
    const id = ids.next();
    const entry = encounterActivity(context, encounter, encounter.type?.[0], id);
    const consultation = consultations.find((list) => record.resolve((list as ListResource & { encounter?: { reference?: string } }).encounter) === encounter);
    const clinician = (encounter.participant ?? []).map((participant) => record.resolve<Practitioner>(participant.individual)).find((item) => item?.resourceType === 'Practitioner');
    rows.push({
      id,
      cells: [
        displayDate(encounter.period?.start),
        (encounter.type ?? []).map(conceptText).join(', ') || consultation?.title || 'Consultation',
        clinician ? practitionerName(clinician) : '—',
        consultation ? consultationSummary(context, consultation) || '—' : '—',
      ],
    });
    entries.push(entry);
    context.carried(encounter, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.22.1',
      templateExtension: '2015-08-01',
      loinc: '46240-8',
      loincName: 'History of Hospitalizations+Outpatient visits Narrative',
      title: 'Consultations',
      headers: ['Date', 'Type', 'Clinician', 'Recorded'],
    },
    rows,
    context.notices(lists, 'consultation'),
    entries,
  );
}

function practitionerName(practitioner: Practitioner): string {
  const name = practitioner.name?.[0];
  return [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || '—';
}

/** "Topic — Heading: item; item. Heading: item." for each topic of the consultation. */
function consultationSummary(context: ConversionContext, consultation: ListResource): string {
  const { record } = context;
  const describe = (resource: Resource): string => {
    if (resource.resourceType === 'Observation') {
      const observation = resource as Observation;
      return [conceptText(observation.code), valueText(observation), observation.comment].filter(Boolean).join(' ');
    }
    const code = (resource as { code?: CodeableConcept }).code;
    return code ? conceptText(code) : resource.resourceType;
  };
  const topics: string[] = [];
  for (const entry of consultation.entry ?? []) {
    const topic = record.resolve<ListResource>(entry.item, consultation);
    if (topic?.resourceType !== 'List') continue;
    const parts: string[] = [];
    for (const item of topic.entry ?? []) {
      const child = record.resolve(item.item, topic);
      if (!child) continue;
      if (child.resourceType === 'List') {
        const category = child as ListResource;
        const items = (category.entry ?? []).map((inner) => record.resolve(inner.item, category)).filter((resource): resource is Resource => Boolean(resource)).map(describe);
        if (items.length > 0) parts.push(`${category.title ?? 'Notes'}: ${items.join('; ')}`);
      } else parts.push(describe(child));
    }
    if (parts.length > 0) topics.push(`${topic.title ?? 'Topic'} — ${parts.join('. ')}`);
  }
  return topics.join(' | ');
}

function encounterActivity(context: ConversionContext, encounter: Encounter, type: CodeableConcept | undefined, rowId: string): XmlElement {
  return el(
    'encounter',
    { classCode: 'ENC', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.49', '2015-08-01'),
    entryId(encounter, context.documentId),
    codedElement('code', type ?? { text: 'Consultation' }, `${rowId}-name`),
    el('text', null, el('reference', { value: `#${rowId}` })),
    intervalTime(encounter.period?.start, encounter.period?.end),
  );
}
