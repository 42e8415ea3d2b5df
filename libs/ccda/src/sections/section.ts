import { XmlElement, el } from '@gpb/xml';
import { OID } from '../cda/code-systems';
import { templateId } from '../cda/ids';
import { NarrativeRow, narrativeTable } from '../cda/narrative';

export interface SectionSpec {
  readonly templateRoot: string;
  readonly templateExtension: string;
  readonly loinc: string;
  readonly loincName: string;
  readonly title: string;
  readonly headers: readonly string[];
}

/** What a section builder produced, with the count of source resources it turned into entries. */
export interface BuiltSection {
  readonly section: XmlElement;
  readonly converted: Readonly<Record<string, number>>;
}

/**
 * A section with entries, or — when there is nothing to enter — `nullFlavor="NI"` and a narrative
 * saying why (C-CDA's rule for required sections with no information).
 */
export function buildSection(spec: SectionSpec, rows: readonly NarrativeRow[], notices: readonly string[], entries: readonly XmlElement[]): XmlElement {
  return el(
    'section',
    entries.length === 0 ? { nullFlavor: 'NI' } : null,
    templateId(spec.templateRoot),
    templateId(spec.templateRoot, spec.templateExtension),
    el('code', { code: spec.loinc, codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: spec.loincName }),
    el('title', null, spec.title),
    narrativeTable(spec.headers, rows, notices.length === 0 && rows.length === 0 ? ['No information.'] : notices),
    entries.map((entry) => el('entry', { typeCode: 'DRIV' }, entry)),
  );
}

export function count(items: readonly { resourceType: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.resourceType] = (counts[item.resourceType] ?? 0) + 1;
  return counts;
}
