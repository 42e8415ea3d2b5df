import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText } from '../cda/coded';
import { NarrativeIds, entryId, templateId } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { displayDate, hl7Ts } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { ProcedureRequest, ReferralRequest, annotationText } from '../record/fhir';
import { buildSection } from './section';

/** Plan of Treatment: outbound referrals as Planned Encounters, diary entries (recalls) as Planned Procedures. */
export function planOfTreatmentSection(context: ConversionContext): XmlElement {
  const { record } = context;
  const referralLists = record.listsFor('referrals');
  const diaryLists = record.listsFor('diary');
  const referrals = context.listedResources().filter((resource): resource is ReferralRequest => resource.resourceType === 'ReferralRequest');
  const diary = context.listedResources(diaryLists).filter((resource): resource is ProcedureRequest => resource.resourceType === 'ProcedureRequest');
  const ids = new NarrativeIds('plan');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const referral of referrals) context.safely(referral, () => {
    const id = ids.next();
    const entry = plannedEncounter(context, referral, id);
    const what = referral.reasonCode?.[0] ?? referral.serviceRequested?.[0] ?? referral.specialty;
    rows.push({
      id,
      cells: ['Referral', what ? conceptText(what) : referral.description ?? 'Referral', displayDate(referral.authoredOn), referral.priority ?? '—', [referral.description, annotationText(referral.note)].filter(Boolean).join('. ') || '—'],
    });
    entries.push(entry);
    context.carried(referral, 'entry');
  });
  for (const request of diary) context.safely(request, () => {
    const id = ids.next();
    const entry = plannedProcedure(context, request, id);
    const when = request.occurrenceDateTime ?? request.occurrencePeriod?.start;
    rows.push({ id, cells: ['Diary entry', conceptText(request.code), displayDate(when ?? request.authoredOn), request.status ?? '—', annotationText(request.note) || '—'] });
    entries.push(entry);
    context.carried(request, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.10',
      templateExtension: '2014-06-09',
      loinc: '18776-5',
      loincName: 'Plan of care note',
      title: 'Referrals and planned care',
      headers: ['Kind', 'What', 'Date', 'Status / priority', 'Notes'],
    },
    rows,
    [...context.notices(referralLists, 'referral'), ...(diaryLists.length ? context.notices(diaryLists, 'diary') : [])],
    entries,
  );
}

function plannedEncounter(context: ConversionContext, referral: ReferralRequest, rowId: string): XmlElement {
  const time = hl7Ts(referral.authoredOn);
  return el(
    'encounter',
    { classCode: 'ENC', moodCode: 'INT' },
    templateId('2.16.840.1.113883.10.20.22.4.40', '2014-06-09'),
    entryId(referral, context.documentId),
    codedElement('code', referral.reasonCode?.[0] ?? referral.serviceRequested?.[0] ?? { text: referral.description ?? 'Referral' }, `${rowId}-name`),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: 'active' }),
    time ? el('effectiveTime', { value: time }) : el('effectiveTime', { nullFlavor: 'UNK' }),
  );
}

function plannedProcedure(context: ConversionContext, request: ProcedureRequest, rowId: string): XmlElement {
  const time = hl7Ts(request.occurrenceDateTime ?? request.occurrencePeriod?.start ?? request.authoredOn);
  return el(
    'procedure',
    { classCode: 'PROC', moodCode: 'INT' },
    templateId('2.16.840.1.113883.10.20.22.4.41', '2014-06-09'),
    entryId(request, context.documentId),
    codedElement('code', request.code, `${rowId}-name`),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: 'active' }),
    time ? el('effectiveTime', { value: time }) : el('effectiveTime', { nullFlavor: 'UNK' }),
  );
}
