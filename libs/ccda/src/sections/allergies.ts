import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { codedElement, conceptText, fixedCode } from '../cda/coded';
import { NarrativeIds, entryId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { displayDate, hl7Ts, intervalTime } from '../cda/time';
import { AllergyIntolerance } from '../record/fhir';
import { ConversionContext } from '../conversion-context';
import { buildSection } from './section';

const SEVERITY: Readonly<Record<string, { code: string; display: string }>> = {
  mild: { code: '255604002', display: 'Mild' },
  moderate: { code: '6736007', display: 'Moderate' },
  severe: { code: '24484000', display: 'Severe' },
};

/** Allergies and Intolerances (entries required), active and ended, each an Allergy Concern Act. */
export function allergiesSection(context: ConversionContext): XmlElement {
  const { record, documentId } = context;
  const active = record.listsFor('allergies');
  const ended = record.listsFor('endedAllergies');
  const ids = new NarrativeIds('allergy');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  const endedItems = new Set(record.itemsOf<AllergyIntolerance>(ended, 'AllergyIntolerance'));
  // Allergies other Lists name (a resolved list under another code, a consultation) belong here too.
  const items = context
    .listedResources()
    .filter((resource): resource is AllergyIntolerance => resource.resourceType === 'AllergyIntolerance')
    .map((allergy) => ({ allergy, ended: endedItems.has(allergy) }));
  for (const { allergy, ended: isEnded } of items) context.safely(allergy, () => {
    const id = ids.next();
    const entry = concernAct(allergy, isEnded || allergy.clinicalStatus === 'resolved', id, documentId);
    const reactions = (allergy.reaction ?? []).flatMap((reaction) => (reaction.manifestation ?? []).map(conceptText));
    const severity = allergy.reaction?.find((reaction) => reaction.severity)?.severity;
    rows.push({
      id,
      cells: [
        conceptText(allergy.code),
        reactions.join(', ') || '—',
        severity ? (SEVERITY[severity]?.display ?? severity) : '—',
        isEnded || allergy.clinicalStatus === 'resolved' ? endedText(allergy) : 'Active',
        displayDate(allergy.onsetDateTime),
        displayDate(allergy.assertedDate),
      ],
    });
    entries.push(entry);
    context.carried(allergy, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.6.1',
      templateExtension: '2015-08-01',
      loinc: '48765-2',
      loincName: 'Allergies and adverse reactions Document',
      title: 'Allergies and adverse reactions',
      headers: ['Substance', 'Reaction', 'Severity', 'Status', 'Onset', 'Recorded'],
    },
    rows,
    context.notices([...active, ...ended], 'allergy'),
    entries,
  );
}

function concernAct(allergy: AllergyIntolerance, ended: boolean, rowId: string, documentId: string): XmlElement {
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.30', '2015-08-01'),
    el('id', { root: documentId, extension: `concern/${allergy.id ?? rowId}` }),
    fixedCode('code', 'CONC', OID.actCode, 'Concern'),
    el('statusCode', { code: ended ? 'completed' : 'active' }),
    el(
      'effectiveTime',
      null,
      hl7Ts(allergy.assertedDate) ? el('low', { value: hl7Ts(allergy.assertedDate) }) : el('low', { nullFlavor: 'UNK' }),
      ended && (hl7Ts(endOf(allergy).date) ? el('high', { value: hl7Ts(endOf(allergy).date) }) : el('high', { nullFlavor: 'UNK' })),
    ),
    el('entryRelationship', { typeCode: 'SUBJ' }, allergyObservation(allergy, rowId, documentId)),
  );
}

function allergyObservation(allergy: AllergyIntolerance, rowId: string, documentId: string): XmlElement {
  const isDrug = allergy.category?.includes('medication');
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.7', '2014-06-09'),
    entryId(allergy, documentId),
    fixedCode('code', 'ASSERTION', OID.actClass),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: 'completed' }),
    intervalTime(allergy.onsetDateTime),
    el('value', {
      'xsi:type': 'CD',
      code: isDrug ? '416098002' : '419199007',
      codeSystem: OID.snomed,
      codeSystemName: 'SNOMED CT',
      displayName: isDrug ? 'Allergy to drug' : 'Allergy to substance',
    }),
    el(
      'participant',
      { typeCode: 'CSM' },
      el('participantRole', { classCode: 'MANU' }, el('playingEntity', { classCode: 'MMAT' }, codedElement('code', allergy.code, `${rowId}-name`))),
    ),
    (allergy.reaction ?? []).flatMap((reaction, reactionIndex) =>
      (reaction.manifestation ?? []).map((manifestation) =>
        el(
          'entryRelationship',
          { typeCode: 'MFST', inversionInd: 'true' },
          el(
            'observation',
            { classCode: 'OBS', moodCode: 'EVN' },
            templateIds('2.16.840.1.113883.10.20.22.4.9', '2014-06-09'),
            el('id', { root: documentId, extension: `reaction/${allergy.id ?? rowId}/${reactionIndex}` }),
            fixedCode('code', 'ASSERTION', OID.actClass),
            el('statusCode', { code: 'completed' }),
            codedElement('value', manifestation, undefined, { 'xsi:type': 'CD' }),
            reaction.severity && SEVERITY[reaction.severity] && severityObservation(reaction.severity),
          ),
        ),
      ),
    ),
  );
}

function severityObservation(severity: string): XmlElement {
  const value = SEVERITY[severity] ?? { code: '', display: severity };
  return el(
    'entryRelationship',
    { typeCode: 'SUBJ', inversionInd: 'true' },
    el(
      'observation',
      { classCode: 'OBS', moodCode: 'EVN' },
      templateIds('2.16.840.1.113883.10.20.22.4.8', '2014-06-09'),
      fixedCode('code', 'SEV', OID.actClass, 'Severity Observation'),
      el('statusCode', { code: 'completed' }),
      el('value', { 'xsi:type': 'CD', code: value.code, codeSystem: OID.snomed, codeSystemName: 'SNOMED CT', displayName: value.display }),
    ),
  );
}

/** GP Connect's AllergyIntoleranceEnd extension: when and why an allergy was ended. */
function endOf(allergy: AllergyIntolerance): { date?: string; reason?: string } {
  const end = allergy.extension?.find((extension) => extension.url?.endsWith('Extension-CareConnect-GPC-AllergyIntoleranceEnd-1'));
  const part = (url: string) => end?.extension?.find((extension) => extension.url === url);
  const date = part('endDate')?.valueDateTime ?? allergy.lastOccurrence;
  const reason = part('reasonEnded')?.valueString;
  return { ...(date ? { date } : {}), ...(reason ? { reason } : {}) };
}

function endedText(allergy: AllergyIntolerance): string {
  const end = endOf(allergy);
  return ['Ended', end.date && `on ${displayDate(end.date)}`, end.reason && `(${end.reason})`].filter(Boolean).join(' ');
}
