import { XmlElement, el } from '@gpb/xml';
import { CodeableConcept, Coding, objects, text } from '../record/fhir';
import { CODE_SYSTEMS, OID } from './code-systems';

/** The codings CDA can carry, SNOMED CT first. */
function cdaCodings(concept: CodeableConcept | undefined): Array<{ code: string; oid: string; name: string; display?: string }> {
  const mapped = objects<Coding>(concept?.coding).flatMap((coding) => {
    const systemUri = text(coding.system);
    const system = systemUri ? CODE_SYSTEMS[systemUri] : undefined;
    const code = text(coding.code);
    const display = text(coding.display);
    return system && code && !/\s/.test(code) ? [{ code, oid: system.oid, name: system.name, ...(display ? { display } : {}) }] : [];
  });
  return [...mapped.filter((c) => c.oid === OID.snomed), ...mapped.filter((c) => c.oid !== OID.snomed)];
}

/** What a clinician reads for a concept: its text, else the first display. */
export function conceptText(concept: CodeableConcept | undefined): string {
  if (typeof concept !== 'object' || concept === null) return 'Unnamed item';
  return text(concept.text) ?? objects<Coding>(concept.coding).map((coding) => text(coding.display)).find(Boolean) ?? 'Unnamed item';
}

/**
 * A CD/CE element (`code`, `value xsi:type="CD"`…): the first CDA-known coding (SNOMED CT first), the
 * others as translations, the narrative reference as originalText. Uncoded: nullFlavor OTH with text.
 */
export function codedElement(name: string, concept: CodeableConcept | undefined, reference?: string, extraAttrs: Record<string, string> = {}): XmlElement {
  const [primary, ...others] = cdaCodings(concept);
  const originalText = reference ? el('originalText', null, el('reference', { value: `#${reference}` })) : el('originalText', null, conceptText(concept));
  if (!primary) return el(name, { ...extraAttrs, nullFlavor: 'OTH' }, originalText);
  return el(
    name,
    { ...extraAttrs, code: primary.code, codeSystem: primary.oid, codeSystemName: primary.name, displayName: primary.display },
    originalText,
    others.map((other) => el('translation', { code: other.code, codeSystem: other.oid, codeSystemName: other.name, displayName: other.display })),
  );
}

/** A fixed code from a known system. */
export function fixedCode(name: string, code: string, codeSystem: string, displayName?: string, codeSystemName?: string): XmlElement {
  return el(name, { code, codeSystem, codeSystemName, displayName });
}
