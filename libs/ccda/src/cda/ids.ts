import { XmlElement, el } from '@gpb/xml';
import { Resource } from '../record/fhir';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CROSS_CARE_SETTING = 'https://fhir.nhs.uk/Id/cross-care-setting-identifier';

/**
 * An entry's `id`: the GP system's cross-care-setting UUID when it has one (stable across documents),
 * else the document id with the resource's type and id as extension.
 */
export function entryId(resource: Resource, documentId: string): XmlElement {
  const uuid = resource.identifier?.find((id) => id.system === CROSS_CARE_SETTING && id.value && UUID.test(id.value))?.value;
  if (uuid) return el('id', { root: uuid.toUpperCase() });
  return el('id', { root: documentId, extension: `${resource.resourceType}/${resource.id ?? 'unidentified'}` });
}

export function templateId(root: string, extension?: string): XmlElement {
  return el('templateId', { root, extension });
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
