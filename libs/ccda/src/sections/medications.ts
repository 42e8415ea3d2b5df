import { XmlElement, el } from '@gpb/xml';
import { codedElement, conceptText, fixedCode } from '../cda/coded';
import { OID } from '../cda/code-systems';
import { NarrativeIds, entryId, templateId } from '../cda/ids';
import { NarrativeRow, listNotices } from '../cda/narrative';
import { displayDate, intervalTime } from '../cda/time';
import { CodeableConcept, Medication, MedicationRequest, MedicationStatement } from '../record/fhir';
import { StructuredRecord } from '../record/structured-record';
import { BuiltSection, buildSection, count } from './section';

/** FHIR MedicationStatement.status → CDA ActStatus. */
const STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  completed: 'completed',
  'entered-in-error': 'nullified',
  intended: 'active',
  stopped: 'aborted',
  'on-hold': 'suspended',
};

/** Medications (entries required): one Medication Activity per MedicationStatement. */
export function medicationsSection(record: StructuredRecord, documentId: string): BuiltSection {
  const lists = record.listsFor('medications');
  const statements = record.itemsOf<MedicationStatement>(lists, 'MedicationStatement');
  const ids = new NarrativeIds('medication');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const statement of statements) {
    const id = ids.next();
    const medication = medicationConcept(record, statement);
    const plan = statement.basedOn?.map((reference) => record.resolve<MedicationRequest>(reference)).find((request) => request?.resourceType === 'MedicationRequest');
    const dosage = statement.dosage?.map((item) => [item.text, item.patientInstruction].filter(Boolean).join('. ')).filter(Boolean).join('; ');
    const end = statement.effectivePeriod?.end;
    rows.push({
      id,
      cells: [
        conceptText(medication),
        dosage || '—',
        quantityText(plan) ?? '—',
        statement.status ?? '—',
        displayDate(statement.effectivePeriod?.start ?? statement.effectiveDateTime),
        displayDate(end),
        prescriptionType(plan) ?? '—',
      ],
    });
    entries.push(medicationActivity(statement, medication, id, documentId));
  }
  const section = buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.1.1',
      templateExtension: '2014-06-09',
      loinc: '10160-0',
      loincName: 'History of Medication use Narrative',
      title: 'Medications',
      headers: ['Medication', 'Dosage', 'Quantity', 'Status', 'Start', 'End', 'Type'],
    },
    rows,
    listNotices(lists, 'medication'),
    entries,
  );
  return { section, converted: count(statements) };
}

function medicationConcept(record: StructuredRecord, statement: MedicationStatement): CodeableConcept | undefined {
  return record.resolve<Medication>(statement.medicationReference)?.code ?? statement.medicationCodeableConcept;
}

function quantityText(request: MedicationRequest | undefined): string | undefined {
  const quantity = request?.dispenseRequest?.quantity;
  const text = quantity?.extension?.find((extension) => extension.url?.includes('MedicationQuantityText'))?.valueString;
  if (text) return text;
  return quantity?.value !== undefined ? `${quantity.value}${quantity.unit ? ` ${quantity.unit}` : ''}` : undefined;
}

function prescriptionType(request: MedicationRequest | undefined): string | undefined {
  return request?.extension?.find((extension) => extension.url?.includes('PrescriptionType'))?.valueCodeableConcept?.coding?.[0]?.display;
}

function medicationActivity(statement: MedicationStatement, medication: CodeableConcept | undefined, rowId: string, documentId: string): XmlElement {
  const instructions = statement.dosage?.map((dosage) => dosage.patientInstruction).filter((text): text is string => Boolean(text?.trim())) ?? [];
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId('2.16.840.1.113883.10.20.22.4.16'),
    templateId('2.16.840.1.113883.10.20.22.4.16', '2014-06-09'),
    entryId(statement, documentId),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: STATUS[statement.status ?? ''] ?? 'active' }),
    intervalTime(statement.effectivePeriod?.start ?? statement.effectiveDateTime, statement.effectivePeriod?.end, 'effectiveTime', true),
    // GP systems send the dose as free text (in the narrative row this entry references), not as a quantity.
    el('doseQuantity', { nullFlavor: 'UNK' }),
    el(
      'consumable',
      null,
      el(
        'manufacturedProduct',
        { classCode: 'MANU' },
        templateId('2.16.840.1.113883.10.20.22.4.23'),
        templateId('2.16.840.1.113883.10.20.22.4.23', '2014-06-09'),
        el('manufacturedMaterial', null, codedElement('code', medication, `${rowId}-name`)),
      ),
    ),
    instructions.map((instruction) =>
      el(
        'entryRelationship',
        { typeCode: 'SUBJ', inversionInd: 'true' },
        el(
          'act',
          { classCode: 'ACT', moodCode: 'INT' },
          templateId('2.16.840.1.113883.10.20.22.4.20'),
          templateId('2.16.840.1.113883.10.20.22.4.20', '2014-06-09'),
          fixedCode('code', '171044003', OID.snomed, 'Patient medication education', 'SNOMED CT'),
          el('text', null, instruction),
          el('statusCode', { code: 'completed' }),
        ),
      ),
    ),
  );
}
