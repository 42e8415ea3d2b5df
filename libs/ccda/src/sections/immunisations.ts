import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText } from '../cda/coded';
import { NarrativeIds, entryId, manufacturedProduct, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { measured, physicalQuantity } from '../cda/quantity';
import { displayDate, hl7Ts } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { Immunization, Observation, annotationText } from '../record/fhir';
import { buildSection } from './section';

/** Immunizations (entries required): one Immunization Activity per Immunization; other listed items as rows. */
export function immunisationsSection(context: ConversionContext): XmlElement {
  const lists = context.record.listsFor('immunisations');
  const listed = context.listedResources(lists);
  const ids = new NarrativeIds('immunisation');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const resource of listed) context.safely(resource, () => {
    const id = ids.next();
    if (resource.resourceType === 'Immunization') {
      const immunization = resource as Immunization;
      const procedure = immunization.extension?.find((extension) => extension.url?.endsWith('VaccinationProcedure-1'))?.valueCodeableConcept;
      const given = immunization.notGiven !== true;
      const entry = immunizationActivity(context, immunization, id);
      rows.push({
        id,
        cells: [
          conceptText(immunization.vaccineCode),
          procedure ? conceptText(procedure) : '—',
          given ? 'Given' : `Not given${immunization.explanation?.reasonNotGiven?.length ? ` (${immunization.explanation.reasonNotGiven.map(conceptText).join(', ')})` : ''}`,
          displayDate(immunization.date),
          immunization.lotNumber ?? '—',
          annotationText(immunization.note) || '—',
        ],
      });
      entries.push(entry);
      context.carried(immunization, 'entry');
    } else {
      // e.g. "No consent for any immunization" recorded as an Observation: the reader must see it.
      const observation = resource as Observation;
      rows.push({ id, cells: [conceptText(observation.code), '—', 'Recorded', displayDate(observation.effectiveDateTime ?? observation.issued), '—', observation.comment ?? '—'] });
      context.carried(resource, 'narrative');
    }
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.2.1',
      templateExtension: '2015-08-01',
      loinc: '11369-6',
      loincName: 'History of Immunization Narrative',
      title: 'Immunisations',
      headers: ['Vaccine', 'Procedure', 'Status', 'Date', 'Batch', 'Notes'],
    },
    rows,
    context.notices(lists, 'immunisation'),
    entries,
  );
}

function immunizationActivity(context: ConversionContext, immunization: Immunization, rowId: string): XmlElement {
  const date = hl7Ts(immunization.date);
  const procedure = immunization.extension?.find((extension) => extension.url?.endsWith('VaccinationProcedure-1'))?.valueCodeableConcept;
  // An unknown vaccine (nullFlavor coding) is still named by its procedure where the GP system gave one.
  const vaccine = immunization.vaccineCode?.coding?.some((coding) => coding.system?.includes('NullFlavor')) && procedure ? procedure : immunization.vaccineCode;
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN', negationInd: immunization.notGiven === true ? 'true' : 'false' },
    templateIds('2.16.840.1.113883.10.20.22.4.52', '2015-08-01'),
    entryId(immunization, context.documentId),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: immunization.status === 'entered-in-error' ? 'nullified' : 'completed' }),
    date ? el('effectiveTime', { value: date }) : el('effectiveTime', { nullFlavor: 'UNK' }),
    immunization.route && codedElement('routeCode', immunization.route),
    immunization.site && codedElement('approachSiteCode', immunization.site),
    immunization.doseQuantity && measured(immunization.doseQuantity) !== undefined && physicalQuantity('doseQuantity', immunization.doseQuantity, false),
    el(
      'consumable',
      null,
      manufacturedProduct('2.16.840.1.113883.10.20.22.4.54', '2014-06-09', codedElement('code', vaccine, `${rowId}-name`), immunization.lotNumber && el('lotNumberText', null, immunization.lotNumber)),
    ),
  );
}
