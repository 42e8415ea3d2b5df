import { ParsedElement, attribute, findChild, findChildren, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { ReadResult, readOk, readProblem } from '../read-result';
import { XDS } from '../xds-constants';
import { CxIdentifier, decodeSlotValue, parseCx } from './slot-values';

export type QueryReturnType = 'LeafClass' | 'ObjectRef';
export type StoredQueryName = 'FindDocuments' | 'GetDocuments' | 'other';
export type DocumentAvailability = 'stable' | 'onDemand';

/** An ITI-38 Cross Gateway Query as read from `query:AdhocQueryRequest`. */
export interface AdhocQueryRequest {
  readonly returnType: QueryReturnType;
  /** The stored query id (`AdhocQuery/@id`). */
  readonly queryId: string;
  readonly storedQuery: StoredQueryName;
  /** `AdhocQuery/@home`: the community the client addressed. */
  readonly homeCommunityId?: string;
  /** Every slot, values decoded from the `('a','b')` list syntax; repeated slots are merged. */
  readonly slots: Readonly<Record<string, readonly string[]>>;
  /** `$XDSDocumentEntryPatientId` parsed from its CX form, when present and well formed. */
  readonly patientId?: CxIdentifier;
  /** `$XDSDocumentEntryType` as availabilities, when the client asked for particular kinds. */
  readonly entryTypes?: readonly DocumentAvailability[];
}

const RETURN_TYPES: readonly QueryReturnType[] = ['LeafClass', 'ObjectRef'];

/** Reads the body of an ITI-38 request. */
export function readAdhocQueryRequest(body: ParsedElement): ReadResult<AdhocQueryRequest> {
  if (body.ns !== NS.query || body.local !== 'AdhocQueryRequest') {
    return readProblem(`expected query:AdhocQueryRequest, found {${body.ns}}${body.local}`);
  }
  const returnType = attribute(findChild(body, NS.query, 'ResponseOption'), 'returnType')?.trim() ?? 'LeafClass';
  if (!isReturnType(returnType)) return readProblem(`unsupported returnType "${returnType}"; use LeafClass or ObjectRef`);
  const query = findChild(body, NS.rim, 'AdhocQuery');
  if (!query) return readProblem('the request has no rim:AdhocQuery');
  const queryId = attribute(query, 'id')?.trim() ?? '';
  if (queryId === '') return readProblem('rim:AdhocQuery has no id');

  const slots: Record<string, string[]> = {};
  for (const slot of findChildren(query, NS.rim, 'Slot')) {
    const name = attribute(slot, 'name')?.trim();
    if (!name) continue;
    const values = findChildren(findChild(slot, NS.rim, 'ValueList'), NS.rim, 'Value').flatMap((value) => decodeSlotValue(textContent(value)));
    slots[name] = [...(slots[name] ?? []), ...values];
  }

  const patientValue = slots['$XDSDocumentEntryPatientId']?.[0];
  const typeValues = slots['$XDSDocumentEntryType'];
  return readOk({
    returnType,
    queryId,
    storedQuery: storedQueryName(queryId),
    homeCommunityId: attribute(query, 'home')?.trim() || undefined,
    slots,
    patientId: patientValue === undefined ? undefined : parseCx(patientValue),
    entryTypes: typeValues === undefined ? undefined : typeValues.flatMap(entryType),
  });
}

function isReturnType(value: string): value is QueryReturnType {
  return (RETURN_TYPES as readonly string[]).includes(value);
}

function storedQueryName(queryId: string): StoredQueryName {
  switch (queryId.toLowerCase()) {
    case XDS.storedQuery.findDocuments:
      return 'FindDocuments';
    case XDS.storedQuery.getDocuments:
      return 'GetDocuments';
    default:
      return 'other';
  }
}

function entryType(objectType: string): DocumentAvailability[] {
  if (objectType === XDS.objectType.stableDocumentEntry) return ['stable'];
  if (objectType === XDS.objectType.onDemandDocumentEntry) return ['onDemand'];
  return [];
}
