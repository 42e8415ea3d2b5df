import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { templateId } from '../cda/ids';
import { NarrativeRow, narrativeTable } from '../cda/narrative';

export interface SectionSpec {
  /** Absent for a narrative-only section outside the C-CDA templates. */
  readonly templateRoot?: string;
  /** Absent for sections whose template has no version. */
  readonly templateExtension?: string;
  readonly loinc: string;
  readonly loincName: string;
  readonly title: string;
  readonly headers: readonly string[];
}

/**
 * A section with entries, or — when there is nothing to enter — `nullFlavor="NI"` and a narrative
 * saying why (C-CDA's rule for required sections with no information). Rows without entries
 * (narrative-only content) still show.
 */
export function buildSection(spec: SectionSpec, rows: readonly NarrativeRow[], notices: readonly string[], entries: readonly XmlElement[]): XmlElement {
  return el(
    'section',
    entries.length === 0 && spec.templateRoot !== undefined ? { nullFlavor: 'NI' } : null,
    spec.templateRoot !== undefined && spec.templateExtension !== undefined && templateId(spec.templateRoot),
    spec.templateRoot !== undefined && templateId(spec.templateRoot, spec.templateExtension),
    el('code', { code: spec.loinc, codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: spec.loincName }),
    el('title', null, spec.title),
    narrativeTable(spec.headers, rows, notices.length === 0 && rows.length === 0 ? ['No information.'] : notices),
    entries.map((entry) => el('entry', { typeCode: 'DRIV' }, entry)),
  );
}
