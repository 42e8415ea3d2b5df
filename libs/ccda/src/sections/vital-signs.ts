import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { conceptText } from '../cda/coded';
import { NarrativeIds, entryId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { interpretationCode } from '../cda/observation-value';
import { physicalQuantity, quantityText } from '../cda/quantity';
import { displayDate, hl7Ts } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { CodeableConcept, Coding, Observation, Quantity, objects } from '../record/fhir';
import { buildSection } from './section';

/** SNOMED CT concepts GP systems record vital signs with, and the LOINC code C-CDA's value set wants. */
const VITAL_SIGNS: Readonly<Record<string, { readonly loinc: string; readonly name: string }>> = {
  '75367002': { loinc: '85354-9', name: 'Blood pressure panel' },
  '163020007': { loinc: '85354-9', name: 'Blood pressure panel' },
  '271649006': { loinc: '8480-6', name: 'Systolic blood pressure' },
  '72313002': { loinc: '8480-6', name: 'Systolic blood pressure' },
  '163030003': { loinc: '8480-6', name: 'Systolic blood pressure' },
  '271650006': { loinc: '8462-4', name: 'Diastolic blood pressure' },
  '1091811000000102': { loinc: '8462-4', name: 'Diastolic blood pressure' },
  '163031004': { loinc: '8462-4', name: 'Diastolic blood pressure' },
  '364075005': { loinc: '8867-4', name: 'Heart rate' },
  '78564009': { loinc: '8867-4', name: 'Heart rate' },
  '86290005': { loinc: '9279-1', name: 'Respiratory rate' },
  '27113001': { loinc: '29463-7', name: 'Body weight' },
  '162763007': { loinc: '29463-7', name: 'Body weight' },
  '50373000': { loinc: '8302-2', name: 'Body height' },
  '248333004': { loinc: '8302-2', name: 'Body height' },
  '162755006': { loinc: '8302-2', name: 'Body height' },
  '60621009': { loinc: '39156-5', name: 'Body mass index' },
  '301331008': { loinc: '39156-5', name: 'Body mass index' },
  '386725007': { loinc: '8310-5', name: 'Body temperature' },
  '276885007': { loinc: '8310-5', name: 'Body temperature' },
  '431314004': { loinc: '59408-5', name: 'Oxygen saturation by pulse oximetry' },
  '103228002': { loinc: '59408-5', name: 'Oxygen saturation by pulse oximetry' },
};

interface VitalReading {
  readonly code: CodeableConcept | undefined;
  readonly vital: { readonly loinc: string; readonly name: string };
  readonly quantity: Quantity;
}

function vitalOf(code: CodeableConcept | undefined): { loinc: string; name: string } | undefined {
  for (const coding of objects<Coding>(code?.coding)) {
    const vital = typeof coding.code === 'string' ? VITAL_SIGNS[coding.code] : undefined;
    if (vital) return vital;
  }
  return undefined;
}

/** The measurements an observation holds, if it is a vital sign with numbers (a BP panel gives two). */
export function vitalReadings(observation: Observation): VitalReading[] {
  const vital = vitalOf(observation.code);
  if (!vital) return [];
  const readings: VitalReading[] = [];
  if (typeof observation.valueQuantity?.value === 'number' && !observation.valueQuantity.comparator && vital.loinc !== '85354-9') {
    readings.push({ code: observation.code, vital, quantity: observation.valueQuantity });
  }
  for (const component of objects<NonNullable<Observation['component']>[number]>(observation.component)) {
    const componentVital = vitalOf(component.code);
    if (componentVital && typeof component.valueQuantity?.value === 'number') readings.push({ code: component.code, vital: componentVital, quantity: component.valueQuantity });
  }
  return readings;
}

/** Vital Signs (entries required): one Vital Signs Organizer per recorded occasion. */
export function vitalSignsSection(context: ConversionContext, observations: readonly Observation[]): XmlElement {
  const ids = new NarrativeIds('vital');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const observation of observations) context.safely(observation, () => {
    const readings = vitalReadings(observation);
    const rowIds = readings.map(() => ids.next());
    const entry = vitalSignsOrganizer(context, observation, readings, rowIds);
    readings.forEach((reading, index) => {
      rows.push({
        id: rowIds[index] as string,
        cells: [reading.vital.name, quantityText(reading.quantity), conceptText(reading.code), displayDate(observation.effectiveDateTime ?? observation.issued), observation.comment ?? '—'],
      });
    });
    entries.push(entry);
    context.carried(observation, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.4.1',
      templateExtension: '2015-08-01',
      loinc: '8716-3',
      loincName: 'Vital signs',
      title: 'Vital signs',
      headers: ['Measurement', 'Value', 'As recorded', 'Date', 'Comment'],
    },
    rows,
    observations.length === 0 ? ['No vital signs are recorded in the GP record sent.'] : [],
    entries,
  );
}

function vitalSignsOrganizer(context: ConversionContext, observation: Observation, readings: readonly VitalReading[], rowIds: readonly string[]): XmlElement {
  const time = hl7Ts(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued);
  const effectiveTime = time ? el('effectiveTime', { value: time }) : el('effectiveTime', { nullFlavor: 'UNK' });
  return el(
    'organizer',
    { classCode: 'CLUSTER', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.26', '2015-08-01'),
    entryId(observation, context.documentId),
    el(
      'code',
      { code: '46680005', codeSystem: OID.snomed, codeSystemName: 'SNOMED CT', displayName: 'Vital signs' },
      el('translation', { code: '74728-7', codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: 'Vital signs, weight, height, head circumference, oximetry, BMI, and BSA panel' }),
    ),
    el('statusCode', { code: 'completed' }),
    effectiveTime,
    readings.map((reading, index) =>
      el(
        'component',
        null,
        el(
          'observation',
          { classCode: 'OBS', moodCode: 'EVN' },
          templateIds('2.16.840.1.113883.10.20.22.4.27', '2014-06-09'),
          el('id', { root: context.documentId, extension: `vital/${observation.id ?? 'unidentified'}/${index}` }),
          el('code', { code: reading.vital.loinc, codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: reading.vital.name }),
          el('text', null, el('reference', { value: `#${rowIds[index] ?? ''}` })),
          el('statusCode', { code: 'completed' }),
          effectiveTime,
          physicalQuantity('value', reading.quantity),
          interpretationCode(observation),
        ),
      ),
    ),
  );
}
