import { XmlElement, el } from '@gpb/xml';
import { xmlns } from '../namespaces';
import type { QueryReturnType } from './adhoc-query-request';
import { DocumentEntry, buildExtrinsicObject, buildObjectRef } from './document-entry';
import { RESPONSE_STATUS_URN, RegistryError, RegistryResponseStatus, buildRegistryErrorList } from './registry-errors';

export interface AdhocQueryResponseInput {
  readonly status: RegistryResponseStatus;
  readonly returnType: QueryReturnType;
  readonly entries: readonly DocumentEntry[];
  readonly errors: readonly RegistryError[];
  /** Our `urn:oid:` home community id: the `location` of every error that names none. */
  readonly homeCommunityId: string;
}

/** `query:AdhocQueryResponse` for ITI-38: ExtrinsicObjects (LeafClass) or ObjectRefs, then any registry errors. */
export function buildAdhocQueryResponse(input: AdhocQueryResponseInput): XmlElement {
  const objects = input.entries.map((entry) => (input.returnType === 'LeafClass' ? buildExtrinsicObject(entry) : buildObjectRef(entry)));
  return el(
    'query:AdhocQueryResponse',
    { ...xmlns('query', 'rim', 'rs'), status: RESPONSE_STATUS_URN[input.status] },
    buildRegistryErrorList(input.errors, input.homeCommunityId),
    el('rim:RegistryObjectList', null, objects),
  );
}
