import { ContractError, Requester, ok } from '@gpb/contracts';
import {
  AdhocQueryRequest,
  DocumentEntry,
  RegistryError,
  RegistryResponseStatus,
  XDS,
  buildAdhocQueryResponse,
  readAdhocQueryRequest,
} from '@gpb/ihe';
import { ServiceRuntime } from '@gpb/runtime';
import { SoapIngressConfig } from '../config';
import { DocumentRegistry } from '../documents/document-registry';
import { gpSummaryEntry, onDemandSummaryEntry } from '../documents/gp-summary-entry';
import { matchesFindDocumentsFilters } from './find-documents-filter';
import { registryErrorFor } from '../errors/registry-errors';
import { TransactionAnswer, TransactionContext, TransactionHandler } from '../exchange/transaction-handler';
import { NHS_NUMBER_OID } from '@gpb/nhs-number';
import { PatientIdMap } from '../patients/patient-id-map';
import { findRegisteredPatient } from '../patients/registered-patient';

interface QueryOutcome {
  readonly entries: readonly DocumentEntry[];
  readonly errors: readonly RegistryError[];
}

/** ITI-38 Cross Gateway Query: the patient's GP summary, fetched from GP Connect and converted on the way. */
export class DocumentQueryHandler implements TransactionHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly config: SoapIngressConfig,
    private readonly idMap: PatientIdMap,
    private readonly documents: DocumentRegistry,
  ) {}

  async handle(context: TransactionContext): Promise<TransactionAnswer> {
    const read = readAdhocQueryRequest(context.request.body);
    if (!read.ok) {
      return this.answer('LeafClass', { entries: [], errors: [{ errorCode: 'XDSRegistryError', codeContext: `The query could not be read: ${read.problem}` }] });
    }
    const query = read.value;
    const outcome = await this.query(query, context.requester);
    this.runtime.logger.info('document query answered', { storedQuery: query.storedQuery, entries: outcome.entries.length, errors: outcome.errors.map((e) => e.errorCode) });
    return this.answer(query.returnType, outcome);
  }

  private answer(returnType: AdhocQueryRequest['returnType'], outcome: QueryOutcome): TransactionAnswer {
    const status: RegistryResponseStatus =
      outcome.errors.length === 0 ? 'Success' : outcome.entries.length > 0 ? 'PartialSuccess' : 'Failure';
    return {
      body: buildAdhocQueryResponse({
        status,
        returnType,
        entries: outcome.entries,
        errors: outcome.errors,
        homeCommunityId: `urn:oid:${this.config.homeCommunityId}`,
      }),
    };
  }

  private async query(query: AdhocQueryRequest, requester: Requester | undefined): Promise<QueryOutcome> {
    if (query.homeCommunityId && query.homeCommunityId.replace(/^urn:oid:/i, '') !== this.config.homeCommunityId) {
      return failed({ errorCode: 'XDSUnknownCommunity', codeContext: `This gateway is community urn:oid:${this.config.homeCommunityId}, not ${query.homeCommunityId}.` });
    }
    switch (query.storedQuery) {
      case 'FindDocuments':
        return this.findDocuments(query, requester);
      case 'GetDocuments':
        return this.getDocuments(query);
      case 'other':
        return failed({ errorCode: 'XDSUnknownStoredQuery', codeContext: `The stored query ${query.queryId} is not supported; use FindDocuments or GetDocuments.` });
    }
  }

  private async findDocuments(query: AdhocQueryRequest, requester: Requester | undefined): Promise<QueryOutcome> {
    if (!query.patientId) {
      return failed({ errorCode: 'XDSStoredQueryMissingParam', codeContext: 'FindDocuments needs $XDSDocumentEntryPatientId as id^^^&root&ISO.' });
    }
    const nhsNumber = query.patientId.root === NHS_NUMBER_OID ? query.patientId.id : await this.idMap.lookup({ root: query.patientId.root, extension: query.patientId.id });
    if (!nhsNumber) {
      return failed({ errorCode: 'XDSUnknownPatientId', codeContext: 'The patient id is neither an NHS number nor an id this gateway has matched through patient discovery.' });
    }
    const statuses = query.slots['$XDSDocumentEntryStatus'];
    if (statuses && !statuses.includes(XDS.status.approved)) return { entries: [], errors: [] };
    // Without $XDSDocumentEntryType only stable entries are returned (ITI TF-2a 3.18.4.1.2.3.6.2).
    const kinds = query.entryTypes ?? ['stable'];
    if (kinds.length === 0) return { entries: [], errors: [] };

    const patient = await findRegisteredPatient(this.runtime, nhsNumber);
    if (!patient.ok) return this.failedWith(patient.error);
    const entries: DocumentEntry[] = [];
    if (kinds.includes('onDemand')) {
      const onDemand = await this.documents.onDemandEntry(nhsNumber, patient.value.odsCode);
      entries.push(onDemandSummaryEntry(onDemand, this.config, patient.value.demographics));
    }
    if (kinds.includes('stable')) {
      const cached = await this.documents.current(nhsNumber);
      const document = cached ? ok(cached) : await this.documents.generate(nhsNumber, patient.value.odsCode, requester);
      // A failed generation still leaves the On-Demand entry, if one was asked for: PartialSuccess.
      if (!document.ok) return { entries: entries.filter((entry) => matchesFindDocumentsFilters(query, entry)), errors: [this.registryError(document.error)] };
      entries.push(gpSummaryEntry(document.value, this.config, patient.value.demographics));
    }
    return { entries: entries.filter((entry) => matchesFindDocumentsFilters(query, entry)), errors: [] };
  }

  private async getDocuments(query: AdhocQueryRequest): Promise<QueryOutcome> {
    const uniqueIds = query.slots['$XDSDocumentEntryUniqueId'] ?? [];
    const entryUuids = query.slots['$XDSDocumentEntryEntryUUID'] ?? [];
    if (uniqueIds.length === 0 && entryUuids.length === 0) {
      return failed({ errorCode: 'XDSStoredQueryMissingParam', codeContext: 'GetDocuments needs $XDSDocumentEntryUniqueId or $XDSDocumentEntryEntryUUID.' });
    }
    const resolved = await Promise.all(entryUuids.map((entryUuid) => this.documents.uniqueIdOf(entryUuid)));
    const wanted = [...new Set([...uniqueIds, ...resolved.filter((id): id is string => id !== undefined)])];
    const entries: DocumentEntry[] = [];
    for (const uniqueId of wanted) {
      const document = await this.documents.find(uniqueId);
      if (document) {
        entries.push(gpSummaryEntry(document, this.config));
        continue;
      }
      const onDemand = await this.documents.findOnDemand(uniqueId);
      if (onDemand) entries.push(onDemandSummaryEntry(onDemand, this.config));
    }
    return { entries, errors: [] };
  }

  private registryError(error: ContractError): RegistryError {
    this.runtime.logger.info('document query refused', { code: error.code });
    return registryErrorFor(error);
  }

  private failedWith(error: ContractError): QueryOutcome {
    return failed(this.registryError(error));
  }
}

function failed(error: RegistryError): QueryOutcome {
  return { entries: [], errors: [error] };
}
