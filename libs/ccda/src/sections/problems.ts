import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { codedElement, conceptText, fixedCode } from '../cda/coded';
import { NarrativeIds, entryId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { displayDate, hl7Ts, intervalTime } from '../cda/time';
import { Condition, Extension, annotationText, objects, text } from '../record/fhir';
import { ConversionContext } from '../conversion-context';
import { buildSection } from './section';

const SIGNIFICANCE_URL = 'Extension-CareConnect-ProblemSignificance-1';

/** Problems (entries required): one Problem Concern Act per Condition. */
export function problemsSection(context: ConversionContext): XmlElement {
  const { record, documentId } = context;
  const lists = record.listsFor('problems');
  // The problems List, then problems other Lists link to (e.g. "linked problems not relating to the primary query").
  const conditions = context.listedResources().filter((resource): resource is Condition => resource.resourceType === 'Condition');
  const ids = new NarrativeIds('problem');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const condition of conditions) context.safely(condition, () => {
    const id = ids.next();
    const resolved = condition.clinicalStatus === 'resolved' || condition.clinicalStatus === 'inactive';
    const entry = concernAct(condition, resolved, id, documentId);
    const significance = condition.extension?.find((extension) => extension.url?.endsWith(SIGNIFICANCE_URL))?.valueCode;
    rows.push({
      id,
      cells: [
        conceptText(condition.code),
        resolved ? 'Inactive' : 'Active',
        significance === 'major' ? 'Major' : significance === 'minor' ? 'Minor' : '—',
        displayDate(condition.onsetDateTime),
        displayDate(condition.abatementDateTime),
        relatedProblems(context, condition) || '—',
        annotationText(condition.note) || '—',
      ],
    });
    entries.push(entry);
    context.carried(condition, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.5.1',
      templateExtension: '2015-08-01',
      loinc: '11450-4',
      loincName: 'Problem list - Reported',
      title: 'Problems',
      headers: ['Problem', 'Status', 'Significance', 'Onset', 'Ended', 'Related problems', 'Notes'],
    },
    rows,
    context.notices(lists, 'problem'),
    entries,
  );
}

function concernAct(condition: Condition, resolved: boolean, rowId: string, documentId: string): XmlElement {
  const recorded = hl7Ts(condition.assertedDate) ?? hl7Ts(condition.onsetDateTime);
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.3', '2015-08-01'),
    el('id', { root: documentId, extension: `concern/${condition.id ?? rowId}` }),
    fixedCode('code', 'CONC', OID.actCode, 'Concern'),
    el('statusCode', { code: resolved ? 'completed' : 'active' }),
    el(
      'effectiveTime',
      null,
      recorded ? el('low', { value: recorded }) : el('low', { nullFlavor: 'UNK' }),
      resolved && (hl7Ts(condition.abatementDateTime) ? el('high', { value: hl7Ts(condition.abatementDateTime) }) : el('high', { nullFlavor: 'UNK' })),
    ),
    el(
      'entryRelationship',
      { typeCode: 'SUBJ' },
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateIds('2.16.840.1.113883.10.20.22.4.4', '2015-08-01'),
        entryId(condition, documentId),
        el(
          'code',
          { code: '55607006', codeSystem: OID.snomed, codeSystemName: 'SNOMED CT', displayName: 'Problem' },
          el('translation', { code: '75326-9', codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: 'Problem' }),
        ),
        el('text', null, el('reference', { value: `#${rowId}` })),
        el('statusCode', { code: 'completed' }),
        intervalTime(condition.onsetDateTime, condition.abatementDateTime),
        codedElement('value', condition.code, `${rowId}-name`, { 'xsi:type': 'CD' }),
      ),
    ),
  );
}

/** GP Connect's RelatedProblemHeader links (parent, child, sibling problems), named for the reader. */
function relatedProblems(context: ConversionContext, condition: Condition): string {
  return objects<Extension>(condition.extension)
    .filter((extension) => text(extension.url)?.endsWith('Extension-CareConnect-RelatedProblemHeader-1'))
    .map((extension) => {
      const parts = objects<Extension>(extension.extension);
      const target = context.record.resolve<Condition>(parts.find((part) => part.url === 'target')?.valueReference);
      const type = text(parts.find((part) => part.url === 'type')?.valueCode);
      return target ? `${conceptText(target.code)}${type ? ` (${type})` : ''}` : undefined;
    })
    .filter(Boolean)
    .join('; ');
}
