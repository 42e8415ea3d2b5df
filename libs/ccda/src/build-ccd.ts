import { el, serializeXml } from '@gpb/xml';
import { headerElements } from './cda/header';
import { instantTs } from './cda/time';
import { CoverageReport, coverageReport } from './coverage';
import { StructuredRecord } from './record/structured-record';
import { allergiesSection } from './sections/allergies';
import { medicationsSection } from './sections/medications';
import { problemsSection } from './sections/problems';
import { BuiltSection } from './sections/section';

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
  const sections: BuiltSection[] = [
    allergiesSection(record, options.documentId),
    medicationsSection(record, options.documentId),
    problemsSection(record, options.documentId),
  ];
  const practice = record.practice();
  const effectiveTime = instantTs(options.createdAt);
  const summary: DocumentSummary = {
    title: `GP summary record${practice.organization?.name ? ` from ${practice.organization.name}` : ''}`,
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
      serviceStop: effectiveTime,
      confidentialityCode: summary.confidentialityCode,
      languageCode: LANGUAGE,
    }),
    el('component', null, el('structuredBody', null, sections.map((built) => el('component', null, built.section)))),
  );
  return {
    ok: true,
    xml: serializeXml(document, { declaration: true }),
    summary,
    coverage: coverageReport(
      record,
      sections.map((built) => built.converted),
    ),
  };
}
