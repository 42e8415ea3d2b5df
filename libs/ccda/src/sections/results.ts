import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText } from '../cda/coded';
import { NarrativeIds, entryId, templateId } from '../cda/ids';
import { NarrativeRow, listNotices } from '../cda/narrative';
import { interpretationCode, observationValue, rangeText, referenceRanges, valueText } from '../cda/observation-value';
import { displayDate, hl7Ts, organizerTime } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { DiagnosticReport, Observation, ProcedureRequest, Resource, Specimen } from '../record/fhir';
import { buildSection } from './section';

/** SNOMED CT "Comment note": GP Connect's filing comments on a report or test. */
const COMMENT_NOTE = '37331000000100';

const REPORT_STATUS: Readonly<Record<string, string>> = { final: 'completed', amended: 'completed', corrected: 'completed', registered: 'active', partial: 'active', preliminary: 'active', cancelled: 'cancelled', 'entered-in-error': 'nullified' };

/**
 * Results (entries required): each investigation report a Result Organizer of its tests (test groups
 * flattened into their members), specimens named; filing comments and requests as narrative rows.
 * `otherObservations` (uncategorised data that is not a vital sign) follow, one organizer each.
 */
export function resultsSection(context: ConversionContext, otherObservations: () => readonly Observation[]): XmlElement {
  const { record } = context;
  const lists = record.listsFor('investigations');
  const reports = context.listedResources(lists).filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport');
  const ids = new NarrativeIds('result');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];

  for (const report of reports) {
    const reportRow = ids.next();
    const specimens = (report.specimen ?? []).map((reference) => record.resolve<Specimen>(reference)).filter((item): item is Specimen => item?.resourceType === 'Specimen');
    const requests = (report.basedOn ?? []).map((reference) => record.resolve<ProcedureRequest>(reference)).filter((item): item is ProcedureRequest => item?.resourceType === 'ProcedureRequest');
    rows.push({
      id: reportRow,
      cells: [
        conceptText(report.code),
        [report.conclusion, requests.length ? `Requested: ${requests.map((request) => conceptText(request.code)).join(', ')}` : undefined].filter(Boolean).join('. ') || '—',
        '—',
        specimens.map((specimen) => `${conceptText(specimen.type)}${specimen.collection?.collectedDateTime ? ` collected ${displayDate(specimen.collection.collectedDateTime)}` : ''}`).join('; ') || '—',
        displayDate(report.effectiveDateTime ?? report.issued),
      ],
    });
    context.carried(report, 'entry');
    for (const item of [...specimens, ...requests]) context.carried(item, 'narrative');

    const components: XmlElement[] = [];
    for (const { observation, group } of flattenResults(record.resolve.bind(record), report.result ?? [])) {
      const rowId = ids.next();
      if (group) context.carried(group, 'narrative');
      const comment = isComment(observation);
      rows.push({
        id: rowId,
        cells: [
          `${group ? `${conceptText(group.code)}: ` : ''}${conceptText(observation.code)}`,
          comment ? observation.comment ?? '—' : [valueText(observation), observation.comment].filter(Boolean).join('. ') || '—',
          (observation.referenceRange ?? []).map((range) => range.text ?? rangeText(range.low, range.high)).join('; ') || '—',
          observation.interpretation ? conceptText(observation.interpretation) : '—',
          displayDate(observation.effectiveDateTime ?? observation.issued),
        ],
      });
      if (comment) {
        context.carried(observation, 'narrative');
        continue;
      }
      components.push(el('component', null, resultObservation(context, observation, rowId)));
      context.carried(observation, 'entry');
    }
    if (components.length > 0) entries.push(resultOrganizer(context, report, specimens, components));
  }

  for (const observation of otherObservations()) {
    const rowId = ids.next();
    rows.push({
      id: rowId,
      cells: [conceptText(observation.code), [valueText(observation), observation.comment].filter(Boolean).join('. ') || '—', '—', observation.interpretation ? conceptText(observation.interpretation) : '—', displayDate(observation.effectiveDateTime ?? observation.issued)],
    });
    entries.push(standaloneOrganizer(context, observation, rowId));
    context.carried(observation, 'entry');
  }

  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.3.1',
      templateExtension: '2015-08-01',
      loinc: '30954-2',
      loincName: 'Relevant diagnostic tests/laboratory data Narrative',
      title: 'Investigations, results and other observations',
      headers: ['Test', 'Result', 'Reference range', 'Interpretation', 'Date'],
    },
    rows,
    listNotices(lists, 'investigation'),
    entries,
  );
}

interface FlatResult {
  readonly observation: Observation;
  readonly group?: Observation;
}

/** The tests of a report in order, test groups replaced by their members (any depth), each once. */
function flattenResults(resolve: (reference: { reference?: string }) => Resource | undefined, references: readonly { reference?: string }[]): FlatResult[] {
  const out: FlatResult[] = [];
  const seen = new Set<Resource>();
  const visit = (reference: { reference?: string }, group?: Observation) => {
    const observation = resolve(reference);
    if (!observation || observation.resourceType !== 'Observation' || seen.has(observation)) return;
    seen.add(observation);
    const members = ((observation as Observation).related ?? []).filter((related) => related.type === 'has-member' && related.target);
    if (members.length === 0) {
      out.push({ observation: observation as Observation, ...(group ? { group } : {}) });
      return;
    }
    // The group's own value or comment, if any, still shows.
    if (valueText(observation as Observation) || (observation as Observation).comment) out.push({ observation: observation as Observation, ...(group ? { group } : {}) });
    for (const member of members) if (member.target) visit(member.target, observation as Observation);
  };
  for (const reference of references) visit(reference);
  return out;
}

function isComment(observation: Observation): boolean {
  return observation.code?.coding?.some((coding) => coding.code === COMMENT_NOTE) === true;
}

function resultOrganizer(context: ConversionContext, report: DiagnosticReport, specimens: readonly Specimen[], components: readonly XmlElement[]): XmlElement {
  return el(
    'organizer',
    { classCode: 'BATTERY', moodCode: 'EVN' },
    templateId('2.16.840.1.113883.10.20.22.4.1'),
    templateId('2.16.840.1.113883.10.20.22.4.1', '2015-08-01'),
    entryId(report, context.documentId),
    codedElement('code', report.code),
    el('statusCode', { code: REPORT_STATUS[report.status ?? ''] ?? 'completed' }),
    organizerTime(specimens[0]?.collection?.collectedDateTime ?? report.effectiveDateTime ?? report.issued, report.issued),
    specimens.map((specimen) => el('specimen', null, el('specimenRole', null, el('specimenPlayingEntity', null, codedElement('code', specimen.type))))),
    components,
  );
}

/** An uncategorised observation in its own Result Organizer, so it sits where a clinician looks for results. */
function standaloneOrganizer(context: ConversionContext, observation: Observation, rowId: string): XmlElement {
  return el(
    'organizer',
    { classCode: 'CLUSTER', moodCode: 'EVN' },
    templateId('2.16.840.1.113883.10.20.22.4.1'),
    templateId('2.16.840.1.113883.10.20.22.4.1', '2015-08-01'),
    el('id', { root: context.documentId, extension: `organizer/${observation.id ?? rowId}` }),
    codedElement('code', observation.code),
    el('statusCode', { code: 'completed' }),
    organizerTime(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued, observation.effectivePeriod?.end),
    el('component', null, resultObservation(context, observation, rowId)),
  );
}

export function resultObservation(context: ConversionContext, observation: Observation, rowId: string): XmlElement {
  const time = hl7Ts(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued);
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateId('2.16.840.1.113883.10.20.22.4.2'),
    templateId('2.16.840.1.113883.10.20.22.4.2', '2015-08-01'),
    entryId(observation, context.documentId),
    codedElement('code', observation.code, `${rowId}-name`),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: observation.status === 'entered-in-error' ? 'nullified' : observation.status === 'registered' || observation.status === 'preliminary' ? 'active' : 'completed' }),
    time ? el('effectiveTime', { value: time }) : el('effectiveTime', { nullFlavor: 'UNK' }),
    observationValue(observation),
    interpretationCode(observation),
    referenceRanges(observation),
  );
}
