import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { codedElement, conceptText, fixedCode } from '../cda/coded';
import { NarrativeIds, entryId, manufacturedProduct, templateId, templateIds } from '../cda/ids';
import { NarrativeRow } from '../cda/narrative';
import { measured, physicalQuantity, quantityText as formatQuantity } from '../cda/quantity';
import { displayDate, intervalTime } from '../cda/time';
import { ConversionContext } from '../conversion-context';
import { CodeableConcept, Dosage, Extension, Medication, MedicationRequest, MedicationStatement, Reference, objects, text } from '../record/fhir';
import { buildSection } from './section';

/** FHIR MedicationStatement.status → CDA ActStatus. */
const STATEMENT_STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  completed: 'completed',
  'entered-in-error': 'nullified',
  intended: 'active',
  stopped: 'aborted',
  'on-hold': 'suspended',
};

/** FHIR MedicationRequest.status → CDA ActStatus. */
const REQUEST_STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  completed: 'completed',
  stopped: 'aborted',
  cancelled: 'cancelled',
  'on-hold': 'suspended',
  'entered-in-error': 'nullified',
  draft: 'new',
};

/** UCUM units of a FHIR timing periodUnit. */
const PERIOD_UNITS: Readonly<Record<string, string>> = { s: 's', min: 'min', h: 'h', d: 'd', wk: 'wk', mo: 'mo', a: 'a' };

/**
 * Medications (entries required): one Medication Activity per MedicationStatement any List names,
 * with its authorisation and every issue (MedicationRequests) as Medication Supply Orders.
 */
export function medicationsSection(context: ConversionContext): XmlElement {
  const { record } = context;
  const lists = record.listsFor('medications');
  const listed = context.listedResources();
  const statements = listed.filter((resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement');
  const requests = record.resources.filter((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest');
  const planOf = (request: MedicationRequest): MedicationRequest | undefined =>
    request.intent === 'plan' ? request : objects<Reference>(request.basedOn).map((reference) => record.resolve<MedicationRequest>(reference)).find((item) => item?.resourceType === 'MedicationRequest');
  const issuesOf = (plans: readonly MedicationRequest[]) => requests.filter((request) => request.intent === 'order' && plans.includes(planOf(request) as MedicationRequest));

  const courses: MedicationCourse[] = statements.map((statement) => {
    const plans = objects<Reference>(statement.basedOn).map((reference) => record.resolve<MedicationRequest>(reference)).filter((request): request is MedicationRequest => request?.resourceType === 'MedicationRequest');
    return {
      source: statement,
      status: STATEMENT_STATUS[statement.status ?? ''] ?? 'active',
      statusText: statement.status ?? '—',
      medication: record.resolve<Medication>(statement.medicationReference)?.code ?? statement.medicationCodeableConcept,
      dosage: objects<Dosage>(statement.dosage),
      start: statement.effectivePeriod?.start ?? statement.effectiveDateTime,
      end: statement.effectivePeriod?.end,
      plans,
      issues: issuesOf(plans),
      lastIssue: text(objects<Extension>(statement.extension).find((extension) => text(extension.url)?.endsWith('MedicationStatementLastIssueDate-1'))?.valueDateTime),
    };
  });
  // Prescriptions a List names (e.g. in a consultation) whose course has no MedicationStatement: a course of their own.
  const covered = new Set<MedicationRequest>(courses.flatMap((course) => [...course.plans, ...course.issues]));
  const orphanPlans = new Set<MedicationRequest>();
  for (const request of listed) {
    if (request.resourceType !== 'MedicationRequest' || covered.has(request as MedicationRequest)) continue;
    orphanPlans.add(planOf(request as MedicationRequest) ?? (request as MedicationRequest));
  }
  for (const plan of orphanPlans) {
    const issues = issuesOf([plan]).filter((issue) => !covered.has(issue));
    const dated = [plan, ...issues].map((request) => text(request.authoredOn)).filter((date): date is string => Boolean(date)).sort();
    courses.push({
      source: plan,
      status: REQUEST_STATUS[plan.status ?? ''] ?? 'completed',
      statusText: plan.status ?? '—',
      medication: record.resolve<Medication>(plan.medicationReference)?.code,
      dosage: objects<Dosage>(plan.dosageInstruction),
      start: plan.dispenseRequest?.validityPeriod?.start ?? dated[0],
      end: plan.dispenseRequest?.validityPeriod?.end,
      plans: plan.intent === 'plan' ? [plan] : [],
      issues: plan.intent === 'plan' ? issues : [plan, ...issues.filter((issue) => issue !== plan)],
    });
  }

  const ids = new NarrativeIds('medication');
  const rows: NarrativeRow[] = [];
  const entries: XmlElement[] = [];
  for (const course of courses) context.safely(course.source, () => {
    const id = ids.next();
    const plan = course.plans[0];
    const entry = medicationActivity(context, course, id);
    rows.push({
      id,
      cells: [
        conceptText(course.medication),
        dosageText(course.dosage) || '—',
        quantityText(plan) ?? '—',
        course.statusText,
        displayDate(course.start),
        displayDate(course.end),
        [prescriptionType(plan), repeatsText(plan)].filter(Boolean).join(', ') || '—',
        course.issues.length > 0
          ? `${course.issues.length} issue${course.issues.length === 1 ? '' : 's'}${course.lastIssue ? `, last ${displayDate(course.lastIssue)}` : ''}`
          : course.lastIssue
            ? `last ${displayDate(course.lastIssue)}`
            : '—',
      ],
    });
    entries.push(entry);
    for (const resource of [course.source, ...course.plans, ...course.issues]) context.carried(resource, 'entry');
  });
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.1.1',
      templateExtension: '2014-06-09',
      loinc: '10160-0',
      loincName: 'History of Medication use Narrative',
      title: 'Medications',
      headers: ['Medication', 'Dosage', 'Quantity', 'Status', 'Start', 'End', 'Prescription', 'Issues'],
    },
    rows,
    context.notices(lists, 'medication'),
    entries,
  );
}

/** One course of a medicine: a MedicationStatement (or, without one, its authorisation) and its prescriptions. */
interface MedicationCourse {
  readonly source: MedicationStatement | MedicationRequest;
  /** CDA ActStatus */
  readonly status: string;
  readonly statusText: string;
  readonly medication: CodeableConcept | undefined;
  readonly dosage: readonly Dosage[];
  readonly start?: string;
  readonly end?: string;
  readonly plans: readonly MedicationRequest[];
  readonly issues: readonly MedicationRequest[];
  readonly lastIssue?: string;
}

function dosageText(dosages: readonly Dosage[] | undefined): string {
  return (dosages ?? [])
    .map((dosage) =>
      [dosage.text, dosage.asNeededBoolean ? 'as required' : undefined, dosage.patientInstruction, ...(dosage.additionalInstruction ?? []).map(conceptText)]
        .filter(Boolean)
        .join('. '),
    )
    .filter(Boolean)
    .join('; ');
}

function quantityText(request: MedicationRequest | undefined): string | undefined {
  const quantity = request?.dispenseRequest?.quantity;
  const quantityText = text(objects<Extension>(quantity?.extension).find((extension) => text(extension.url)?.includes('MedicationQuantityText'))?.valueString);
  if (quantityText) return quantityText;
  return measured(quantity) !== undefined ? formatQuantity(quantity) : undefined;
}

function prescriptionType(request: MedicationRequest | undefined): string | undefined {
  return text(objects<{ display?: unknown }>(objects<Extension>(request?.extension).find((extension) => text(extension.url)?.includes('PrescriptionType'))?.valueCodeableConcept?.coding)[0]?.display);
}

function repeatInformation(request: MedicationRequest | undefined, name: string): number | undefined {
  const repeat = objects<Extension>(request?.extension).find((extension) => text(extension.url)?.includes('MedicationRepeatInformation'));
  const value = (objects<Extension>(repeat?.extension).find((extension) => extension.url === name) as { valuePositiveInt?: unknown } | undefined)?.valuePositiveInt;
  return typeof value === 'number' ? value : undefined;
}

function repeatsText(request: MedicationRequest | undefined): string | undefined {
  const allowed = repeatInformation(request, 'numberOfRepeatPrescriptionsAllowed');
  const issued = repeatInformation(request, 'numberOfRepeatPrescriptionsIssued');
  return allowed !== undefined ? `${issued ?? 0} of ${allowed} repeats issued` : undefined;
}

function medicationActivity(context: ConversionContext, course: MedicationCourse, rowId: string): XmlElement {
  const { medication } = course;
  const requests = [...course.plans, ...course.issues];
  const dosage = course.dosage[0];
  const period = dosage?.timing?.repeat;
  const periodUnit = period?.periodUnit ? PERIOD_UNITS[period.periodUnit] : undefined;
  const instructions = course.dosage.map((item) => item.patientInstruction?.trim()).filter((text): text is string => Boolean(text));
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateIds('2.16.840.1.113883.10.20.22.4.16', '2014-06-09'),
    entryId(course.source, context.documentId),
    el('text', null, el('reference', { value: `#${rowId}` })),
    el('statusCode', { code: course.status }),
    intervalTime(course.start, course.end, 'effectiveTime', true),
    period?.period && periodUnit
      ? el('effectiveTime', { 'xsi:type': 'PIVL_TS', institutionSpecified: 'true', operator: 'A' }, el('period', { value: String(period.period / (period.frequency ?? 1)), unit: periodUnit }))
      : undefined,
    dosage?.route && codedElement('routeCode', dosage.route),
    // Most GP systems send the dose only as text (in the referenced narrative row).
    dosage?.doseQuantity && measured(dosage.doseQuantity) !== undefined ? physicalQuantity('doseQuantity', dosage.doseQuantity, false) : el('doseQuantity', { nullFlavor: 'UNK' }),
    el(
      'consumable',
      null,
      manufacturedProduct('2.16.840.1.113883.10.20.22.4.23', '2014-06-09', codedElement('code', medication, `${rowId}-name`)),
    ),
    requests.map((request) => el('entryRelationship', { typeCode: 'REFR' }, supplyOrder(context, request, medication))),
    instructions.map((instruction) =>
      el(
        'entryRelationship',
        { typeCode: 'SUBJ', inversionInd: 'true' },
        el(
          'act',
          { classCode: 'ACT', moodCode: 'INT' },
          templateIds('2.16.840.1.113883.10.20.22.4.20', '2014-06-09'),
          fixedCode('code', '171044003', OID.snomed, 'Patient medication education', 'SNOMED CT'),
          el('text', null, instruction),
          el('statusCode', { code: 'completed' }),
        ),
      ),
    ),
    dosage?.asNeededBoolean === true &&
      el(
        'precondition',
        { typeCode: 'PRCN' },
        el(
          'criterion',
          null,
          templateId('2.16.840.1.113883.10.20.22.4.25', '2014-06-09'),
          fixedCode('code', 'ASSERTION', OID.actClass),
          dosage.asNeededCodeableConcept ? codedElement('value', dosage.asNeededCodeableConcept, undefined, { 'xsi:type': 'CD' }) : el('value', { 'xsi:type': 'CD', nullFlavor: 'NI' }, el('originalText', null, 'as required')),
        ),
      ),
  );
}

/** An authorisation (intent plan) or an issue (intent order) as a Medication Supply Order. */
function supplyOrder(context: ConversionContext, request: MedicationRequest, medication: CodeableConcept | undefined): XmlElement {
  const validity = request.dispenseRequest?.validityPeriod;
  const repeats = repeatInformation(request, 'numberOfRepeatPrescriptionsAllowed');
  const quantity = request.dispenseRequest?.quantity;
  return el(
    'supply',
    { classCode: 'SPLY', moodCode: 'INT' },
    templateIds('2.16.840.1.113883.10.20.22.4.17', '2014-06-09'),
    entryId(request, context.documentId),
    el('text', null, request.intent === 'plan' ? 'Authorisation' : 'Issue'),
    el('statusCode', { code: REQUEST_STATUS[request.status ?? ''] ?? 'completed' }),
    intervalTime(validity?.start ?? request.authoredOn, validity?.end, 'effectiveTime', true),
    repeats !== undefined && request.intent === 'plan' ? el('repeatNumber', { value: String(repeats + 1) }) : undefined,
    measured(quantity) !== undefined ? el('quantity', { value: String(measured(quantity)) }) : undefined,
    el(
      'product',
      null,
      manufacturedProduct('2.16.840.1.113883.10.20.22.4.23', '2014-06-09', codedElement('code', medication)),
    ),
  );
}
