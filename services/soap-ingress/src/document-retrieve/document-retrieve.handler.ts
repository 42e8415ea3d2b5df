import { BinaryPart, ContractError, Requester } from '@gpb/contracts';
import {
  DocumentRequest,
  RegistryError,
  RegistryResponseStatus,
  RetrievedDocument,
  buildRetrieveDocumentSetResponse,
  readRetrieveDocumentSetRequest,
} from '@gpb/ihe';
import { ServiceRuntime } from '@gpb/runtime';
import { SoapIngressConfig } from '../config';
import { DocumentRecord, DocumentRegistry } from '../documents/document-registry';
import { registryErrorFor } from '../errors/registry-errors';
import { TransactionAnswer, TransactionContext, TransactionHandler } from '../exchange/transaction-handler';

type ItemOutcome = { readonly document: RetrievedDocument; readonly part: BinaryPart } | { readonly error: RegistryError };

/** ITI-39 Cross Gateway Retrieve: each requested document as an MTOM/XOP part, or an error for that item. */
export class DocumentRetrieveHandler implements TransactionHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly config: SoapIngressConfig,
    private readonly documents: DocumentRegistry,
  ) {}

  async handle(context: TransactionContext): Promise<TransactionAnswer> {
    const read = readRetrieveDocumentSetRequest(context.request.body, context.attachments);
    if (!read.ok) return this.answer([{ error: { errorCode: 'XDSRepositoryError', codeContext: `The request could not be read: ${read.problem}` } }]);
    const outcomes: ItemOutcome[] = [];
    for (const [index, request] of read.value.documentRequests.entries()) outcomes.push(await this.retrieve(request, index, context.requester));
    return this.answer(outcomes);
  }

  private answer(outcomes: readonly ItemOutcome[]): TransactionAnswer {
    const documents = outcomes.flatMap((outcome) => ('document' in outcome ? [outcome.document] : []));
    const errors = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
    const status: RegistryResponseStatus = errors.length === 0 ? 'Success' : documents.length > 0 ? 'PartialSuccess' : 'Failure';
    this.runtime.logger.info('document retrieve answered', { documents: documents.length, errors: errors.map((e) => e.errorCode) });
    return {
      body: buildRetrieveDocumentSetResponse({ status, documents, errors, homeCommunityId: `urn:oid:${this.config.homeCommunityId}` }),
      attachments: outcomes.flatMap((outcome) => ('part' in outcome ? [outcome.part] : [])),
    };
  }

  private async retrieve(request: DocumentRequest, index: number, requester: Requester | undefined): Promise<ItemOutcome> {
    const location = `urn:oid:${this.config.homeCommunityId}`;
    if (request.homeCommunityId && request.homeCommunityId.replace(/^urn:oid:/i, '') !== this.config.homeCommunityId) {
      return { error: { errorCode: 'XDSUnknownCommunity', codeContext: `Document ${request.documentUniqueId}: this gateway is community ${location}.` } };
    }
    if (request.repositoryUniqueId !== this.config.repositoryUniqueId) {
      return { error: { errorCode: 'XDSUnknownRepositoryId', codeContext: `Document ${request.documentUniqueId}: the repository is ${this.config.repositoryUniqueId}, not ${request.repositoryUniqueId}.` } };
    }
    const known = await this.documents.find(request.documentUniqueId);
    if (known) {
      const available = await this.available(known, requester);
      if (!available.ok) return this.itemError(request.documentUniqueId, available.error);
      return this.attachment(request.documentUniqueId, available.value, index);
    }
    // An On-Demand entry: generate the GP summary now; the response names the new document's id.
    const onDemand = await this.documents.findOnDemand(request.documentUniqueId);
    if (!onDemand) return { error: { errorCode: 'XDSDocumentUniqueIdError', codeContext: `Document ${request.documentUniqueId} is not known to this gateway.` } };
    const generated = await this.documents.generate(onDemand.nhsNumber, onDemand.odsCode, requester);
    if (!generated.ok) return this.itemError(request.documentUniqueId, generated.error);
    return this.attachment(request.documentUniqueId, generated.value, index, generated.value.uniqueId);
  }

  private itemError(documentUniqueId: string, error: ContractError): ItemOutcome {
    const spec = registryErrorFor(error);
    return { error: { ...spec, codeContext: `Document ${documentUniqueId}: ${spec.codeContext}` } };
  }

  private attachment(requestedId: string, document: DocumentRecord, index: number, newDocumentUniqueId?: string): ItemOutcome {
    const contentId = `document${index + 1}.${document.uniqueId}@gp-bridge`;
    return {
      document: {
        homeCommunityId: `urn:oid:${this.config.homeCommunityId}`,
        repositoryUniqueId: this.config.repositoryUniqueId,
        documentUniqueId: requestedId,
        ...(newDocumentUniqueId ? { newDocumentUniqueId } : {}),
        mimeType: 'text/xml',
        contentId,
      },
      part: { contentId, contentType: 'text/xml; charset=UTF-8', encoding: 'utf8', body: { ref: document.document } },
    };
  }

  /** The document body if it is still stored; otherwise it is regenerated under the same uniqueId. */
  private async available(document: DocumentRecord, requester: Requester | undefined): Promise<{ ok: true; value: DocumentRecord } | { ok: false; error: ContractError }> {
    if (await this.runtime.blobs.exists(document.document)) return { ok: true, value: document };
    this.runtime.logger.info('document expired from the store; regenerating it');
    return this.documents.generate(document.nhsNumber, document.odsCode, requester, document.uniqueId);
  }
}
