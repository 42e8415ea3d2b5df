import { XmlChild, XmlElement, el } from '@gpb/xml';
import { Identifier, Resource, objects } from '../record/fhir';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Identifier systems whose values are UUIDs stable across documents. */
const UUID_SYSTEMS: ReadonlySet<string> = new Set(['https://fhir.nhs.uk/Id/cross-care-setting-identifier', 'https://tools.ietf.org/html/rfc4122']);

/**
 * An entry's `id`: the GP system's UUID for the item when it has one (stable across documents),
 * else the document id with the resource's type and id as extension.
 */
export function entryId(resource: Resource, documentId: string): XmlElement {
  const uuid = objects<Identifier>(resource.identifier).find((id) => typeof id.system === 'string' && UUID_SYSTEMS.has(id.system) && typeof id.value === 'string' && UUID.test(id.value))?.value;
  if (uuid) return el('id', { root: uuid.toUpperCase() });
  return el('id', { root: documentId, extension: `${resource.resourceType}/${typeof resource.id === 'string' ? resource.id : 'unidentified'}` });
}

export function templateId(root: string, extension?: string): XmlElement {
  return el('templateId', { root, extension });
}

/** A C-CDA template as R2.1 documents declare it: the unversioned id and the versioned one. */
export function templateIds(root: string, extension: string): XmlElement[] {
  return [templateId(root), templateId(root, extension)];
}

/** A manufacturedProduct (Medication / Immunization Medication Information) around a material's code. */
export function manufacturedProduct(templateRoot: string, templateExtension: string, ...material: XmlChild[]): XmlElement {
  return el('manufacturedProduct', { classCode: 'MANU' }, templateIds(templateRoot, templateExtension), el('manufacturedMaterial', null, ...material));
}

/** Narrative IDs must be XML IDs: letters first, no spaces. */
export class NarrativeIds {
  private count = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    this.count += 1;
    return `${this.prefix}-${this.count}`;
  }
}
