import { XmlElement, el, serializeXml } from '@gpb/xml';
import { headerElements } from './cda/header';
import { hl7Ts, instantTs } from './cda/time';
import { ConversionContext } from './conversion-context';
import { CoverageReport, coverageReport } from './coverage';
import { Observation, Resource } from './record/fhir';
import { StructuredRecord } from './record/structured-record';
import { allergiesSection } from './sections/allergies';
import { encountersSection } from './sections/encounters';
import { immunisationsSection } from './sections/immunisations';
import { medicationsSection } from './sections/medications';
import { otherItemsSection } from './sections/other-items';
import { planOfTreatmentSection } from './sections/plan-of-treatment';
import { problemsSection } from './sections/problems';
import { resultsSection } from './sections/results';
import { socialHistorySection } from './sections/social-history';
import { vitalReadings, vitalSignsSection } from './sections/vital-signs';

export interface BuildCcdOptions {
  /** The document's id (an OID): the XDS uniqueId it is served under. */
  readonly documentId: string;
  readonly createdAt: Date;
}

export interface DocumentSummary {
  readonly title: string;
  /** HL7 TS */
  readonly serviceStart?: string;
  readonly serviceStop?: string;
  readonly confidentialityCode: 'N' | 'R' | 'V';
  readonly languageCode: string;
  readonly custodian: { readonly odsCode?: string; readonly name?: string };
}

export type BuildCcdResult =
  | { readonly ok: true; readonly xml: string; readonly summary: DocumentSummary; readonly coverage: CoverageReport }
  | { readonly ok: false; readonly problem: string };

const LANGUAGE = 'en-GB';

/** Converts a GP Connect Access Record: Structured Bundle (FHIR STU3) into a C-CDA R2.1 CCD. */
export function buildCcd(bundle: unknown, options: BuildCcdOptions): BuildCcdResult {
  const read = StructuredRecord.read(bundle);
  if (!read.ok) return read;
  const { record } = read;
  const context = new ConversionContext(record, options.documentId);

  const allergies = allergiesSection(context);
  const medications = medicationsSection(context);
  const problems = problemsSection(context);
  const immunisations = immunisationsSection(context);
  let vitals: Observation[] = [];
  // Investigation reports first; the observations no section has claimed are then vital signs or other results.
  const results = resultsSection(context, () => {
    const pending = context.listedResources().filter((resource): resource is Observation => resource.resourceType === 'Observation' && !context.isCarried(resource));
    vitals = pending.filter((observation) => vitalReadings(observation).length > 0);
    return pending.filter((observation) => vitalReadings(observation).length === 0);
  });
  const vitalSigns = vitalSignsSection(context, vitals);
  const encounters = encountersSection(context);
  const plan = planOfTreatmentSection(context);
  const sections: XmlElement[] = [allergies, medications, problems, results, vitalSigns, immunisations, encounters, plan, socialHistorySection()];
  const other = otherItemsSection(context);
  if (other) sections.push(other);

  const practice = record.practice();
  const effectiveTime = instantTs(options.createdAt);
  const serviceStart = earliestTime(context.listedResources());
  const summary: DocumentSummary = {
    title: `GP summary record${practice.organization?.name ? ` from ${practice.organization.name}` : ''}`,
    ...(serviceStart ? { serviceStart } : {}),
    serviceStop: effectiveTime,
    confidentialityCode: 'N',
    languageCode: LANGUAGE,
    custodian: { ...(practice.odsCode ? { odsCode: practice.odsCode } : {}), ...(practice.organization?.name ? { name: practice.organization.name } : {}) },
  };
  const document = el(
    'ClinicalDocument',
    { xmlns: 'urn:hl7-org:v3', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xmlns:sdtc': 'urn:hl7-org:sdtc' },
    headerElements({
      record,
      documentId: options.documentId,
      title: summary.title,
      effectiveTime,
      ...(serviceStart ? { serviceStart } : {}),
      serviceStop: effectiveTime,
      confidentialityCode: summary.confidentialityCode,
      languageCode: LANGUAGE,
    }),
    el('component', null, el('structuredBody', null, sections.map((section) => el('component', null, section)))),
  );
  return { ok: true, xml: serializeXml(document, { declaration: true }), summary, coverage: coverageReport(context) };
}

const DATE_FIELDS = ['onsetDateTime', 'assertedDate', 'effectiveDateTime', 'date', 'authoredOn', 'issued'] as const;

/** The earliest clinical date in the record (HL7 TS), for documentationOf/serviceEvent. */
function earliestTime(resources: readonly Resource[]): string | undefined {
  let earliest: { ts: string; key: string } | undefined;
  for (const resource of resources) {
    const fields = resource as unknown as Record<string, unknown>;
    const candidates = [...DATE_FIELDS.map((field) => fields[field]), (fields['period'] as { start?: unknown } | undefined)?.start, (fields['effectivePeriod'] as { start?: unknown } | undefined)?.start];
    for (const candidate of candidates) {
      const ts = typeof candidate === 'string' ? hl7Ts(candidate) : undefined;
      // Compare on the date part: precision and zones differ between sources.
      if (ts && (!earliest || ts.slice(0, 8) < earliest.key)) earliest = { ts, key: ts.slice(0, 8) };
    }
  }
  return earliest?.ts;
}
