import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText } from '../cda/coded';
import { NarrativeIds, entryId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { interpretationCode, observationValue, rangeText, referenceRanges, valueText } from '../cda/observation-value';
import { displayDate, hl7Ts, organizerTime } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { DiagnosticReport, Observation, ProcedureRequest, Quantity, Reference, Resource, Specimen, objects, text } from '../record/fhir';
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

  for (const report of reports) context.safely(report, () => {
    const reportRows: NarrativeRow[] = [];
    const carried: Array<[Resource, 'entry' | 'narrative']> = [];
    const specimens = objects<Reference>(report.specimen).map((reference) => record.resolve<Specimen>(reference)).filter((item): item is Specimen => item?.resourceType === 'Specimen');
    const requests = objects<Reference>(report.basedOn).map((reference) => record.resolve<ProcedureRequest>(reference)).filter((item): item is ProcedureRequest => item?.resourceType === 'ProcedureRequest');
    reportRows.push({
      id: ids.next(),
      cells: [
        conceptText(report.code),
        [text(report.conclusion), requests.length ? `Requested: ${requests.map((request) => conceptText(request.code)).join(', ')}` : undefined].filter(Boolean).join('. ') || '—',
        '—',
        specimens.map((specimen) => `${conceptText(specimen.type)}${specimen.collection?.collectedDateTime ? ` collected ${displayDate(specimen.collection.collectedDateTime)}` : ''}`).join('; ') || '—',
        displayDate(report.effectiveDateTime ?? report.issued),
      ],
    });
    for (const item of [...specimens, ...requests]) carried.push([item, 'narrative']);

    const testTime = specimens[0]?.collection?.collectedDateTime ?? report.effectiveDateTime ?? report.issued;
    const components: XmlElement[] = [];
    for (const { observation, group } of flattenResults(record.resolve.bind(record), objects<Reference>(report.result))) {
      const rowId = ids.next();
      if (group) carried.push([group, 'narrative']);
      const comment = isComment(observation);
      reportRows.push({
        id: rowId,
        cells: [
          `${group ? `${conceptText(group.code)}: ` : ''}${conceptText(observation.code)}`,
          comment ? text(observation.comment) ?? '—' : [valueText(observation), text(observation.comment)].filter(Boolean).join('. ') || '—',
          objects<{ text?: string; low?: Quantity; high?: Quantity }>(observation.referenceRange).map((range) => text(range.text) ?? rangeText(range.low, range.high)).join('; ') || '—',
          observation.interpretation ? conceptText(observation.interpretation) : '—',
          displayDate(observation.effectiveDateTime ?? observation.issued),
        ],
      });
      if (comment) {
        carried.push([observation, 'narrative']);
        continue;
      }
      components.push(el('component', null, resultObservation(context, observation, rowId, testTime)));
      carried.push([observation, 'entry']);
    }
    // A report of filing comments only has no tests to enter: it is a narrative row.
    if (components.length > 0) entries.push(resultOrganizer(context, report, specimens, components));
    rows.push(...reportRows);
    context.carried(report, components.length > 0 ? 'entry' : 'narrative');
    for (const [resource, how] of carried) context.carried(resource, how);
  });

  for (const observation of otherObservations()) context.safely(observation, () => {
    const rowId = ids.next();
    const entry = standaloneOrganizer(context, observation, rowId);
    rows.push({
      id: rowId,
      cells: [conceptText(observation.code), [valueText(observation), text(observation.comment)].filter(Boolean).join('. ') || '—', '—', observation.interpretation ? conceptText(observation.interpretation) : '—', displayDate(observation.effectiveDateTime ?? observation.issued)],
    });
    entries.push(entry);
    context.carried(observation, 'entry');
  });

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
    context.notices(lists, 'investigation'),
    entries,
  );
}

interface FlatResult {
  readonly observation: Observation;
  readonly group?: Observation;
}

/** The tests of a report in order, test groups replaced by their members (any depth), each once. */
function flattenResults(resolve: (reference: Reference) => Resource | undefined, references: readonly Reference[]): FlatResult[] {
  const out: FlatResult[] = [];
  const seen = new Set<Resource>();
  const visit = (reference: Reference, group?: Observation) => {
    const observation = resolve(reference);
    if (!observation || observation.resourceType !== 'Observation' || seen.has(observation)) return;
    seen.add(observation);
    const members = objects<{ type?: string; target?: Reference }>((observation as Observation).related).filter((related) => related.type === 'has-member' && related.target);
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
    templateIds('2.16.840.1.113883.10.20.22.4.1', '2015-08-01'),
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
    templateIds('2.16.840.1.113883.10.20.22.4.1', '2015-08-01'),
    el('id', { root: context.documentId, extension: `organizer/${observation.id ?? rowId}` }),
    codedElement('code', observation.code),
    el('statusCode', { code: 'completed' }),
    organizerTime(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued, observation.effectivePeriod?.end),
    el('component', null, resultObservation(context, observation, rowId)),
  );
}

/** `reportTime` stands in for a test that carries no time of its own (the specimen's or report's). */
export function resultObservation(context: ConversionContext, observation: Observation, rowId: string, reportTime?: string): XmlElement {
  const time = hl7Ts(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued ?? reportTime);
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.2', '2015-08-01'),
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
