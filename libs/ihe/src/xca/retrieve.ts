import { ParsedElement, XmlElement, el, findChild, findChildren } from '@gpb/xml';
import { NS, xmlns } from '../namespaces';
import { ReadResult, readOk, readProblem } from '../read-result';
import { MimePart } from '../mtom/multipart';
import { cidHref, readXopText } from '../mtom/xop';
import { RESPONSE_STATUS_URN, RegistryError, RegistryResponseStatus, buildRegistryErrorList } from './registry-errors';

/** One `xdsb:DocumentRequest` of an ITI-39 request. */
export interface DocumentRequest {
  readonly homeCommunityId?: string;
  readonly repositoryUniqueId: string;
  readonly documentUniqueId: string;
}

export interface RetrieveDocumentSetRequest {
  readonly documentRequests: readonly DocumentRequest[];
}

/**
 * Reads the body of an ITI-39 request. `attachments` (MTOM parts) resolve values an MTOM stack
 * chose to send as `xop:Include`.
 */
export function readRetrieveDocumentSetRequest(
  body: ParsedElement,
  attachments?: ReadonlyMap<string, MimePart>,
): ReadResult<RetrieveDocumentSetRequest> {
  if (body.ns !== NS.xdsb || body.local !== 'RetrieveDocumentSetRequest') {
    return readProblem(`expected xdsb:RetrieveDocumentSetRequest, found {${body.ns}}${body.local}`);
  }
  const requests = findChildren(body, NS.xdsb, 'DocumentRequest');
  if (requests.length === 0) return readProblem('the request has no xdsb:DocumentRequest');
  const documentRequests: DocumentRequest[] = [];
  for (const [index, request] of requests.entries()) {
    const value = (local: string): ReadResult<string | undefined> => {
      const element = findChild(request, NS.xdsb, local);
      if (!element) return readOk(undefined);
      const text = readXopText(element, attachments);
      if (!text.ok) return text;
      return readOk(text.value.trim() === '' ? undefined : text.value.trim());
    };
    const home = value('HomeCommunityId');
    const repository = value('RepositoryUniqueId');
    const document = value('DocumentUniqueId');
    if (!home.ok) return readProblem(`DocumentRequest ${index + 1}: ${home.problem}`);
    if (!repository.ok) return readProblem(`DocumentRequest ${index + 1}: ${repository.problem}`);
    if (!document.ok) return readProblem(`DocumentRequest ${index + 1}: ${document.problem}`);
    if (repository.value === undefined) return readProblem(`DocumentRequest ${index + 1} has no RepositoryUniqueId`);
    if (document.value === undefined) return readProblem(`DocumentRequest ${index + 1} has no DocumentUniqueId`);
    documentRequests.push({ homeCommunityId: home.value, repositoryUniqueId: repository.value, documentUniqueId: document.value });
  }
  return readOk({ documentRequests });
}

interface RetrievedDocumentIdentity {
  readonly homeCommunityId: string;
  readonly repositoryUniqueId: string;
  readonly documentUniqueId: string;
  readonly mimeType: string;
  /** For an On-Demand entry: the uniqueId of the document generated for this retrieval (ITI TF-2b 3.39.4.1.3). */
  readonly newDocumentUniqueId?: string;
}

/** A retrieved document: sent as an MTOM part (`contentId`) or, for a client that cannot take MTOM, inline. */
export type RetrievedDocument = RetrievedDocumentIdentity &
  ({ readonly contentId: string; readonly inline?: never } | { readonly inline: Buffer; readonly contentId?: never });

export interface RetrieveDocumentSetResponseInput {
  readonly status: RegistryResponseStatus;
  readonly documents: readonly RetrievedDocument[];
  readonly errors: readonly RegistryError[];
  /** Our `urn:oid:` home community id: the `location` of every error that names none. */
  readonly homeCommunityId: string;
}

/** `xdsb:RetrieveDocumentSetResponse` for ITI-39; each document is an `xop:Include` of its MTOM part. */
export function buildRetrieveDocumentSetResponse(input: RetrieveDocumentSetResponseInput): XmlElement {
  return el(
    'xdsb:RetrieveDocumentSetResponse',
    xmlns('xdsb', 'rs', 'xop'),
    el('rs:RegistryResponse', { status: RESPONSE_STATUS_URN[input.status] }, buildRegistryErrorList(input.errors, input.homeCommunityId)),
    input.documents.map((document) =>
      el(
        'xdsb:DocumentResponse',
        null,
        el('xdsb:HomeCommunityId', null, document.homeCommunityId),
        el('xdsb:RepositoryUniqueId', null, document.repositoryUniqueId),
        el('xdsb:DocumentUniqueId', null, document.documentUniqueId),
        document.newDocumentUniqueId !== undefined && el('xdsb:NewDocumentUniqueId', null, document.newDocumentUniqueId),
        el('xdsb:mimeType', null, document.mimeType),
        el(
          'xdsb:Document',
          null,
          document.inline !== undefined ? document.inline.toString('base64') : el('xop:Include', { href: cidHref(document.contentId) }),
        ),
      ),
    ),
  );
}
