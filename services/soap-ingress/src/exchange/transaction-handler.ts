import type { BinaryPart, Requester, Transaction } from '@gpb/contracts';
import type { MimePart, SoapRequest } from '@gpb/ihe';
import type { XmlElement } from '@gpb/xml';

/** What a transaction handler gets: the read SOAP request, its MTOM parts and who is asking. */
export interface TransactionContext {
  readonly transaction: Transaction;
  readonly request: SoapRequest;
  /** MTOM parts of the request by Content-ID, for xop:Include values. */
  readonly attachments: ReadonlyMap<string, MimePart>;
  readonly requester?: Requester;
}

/** A business answer: the SOAP body and any documents to send as MTOM parts. */
export interface TransactionAnswer {
  readonly body: XmlElement;
  readonly attachments?: readonly BinaryPart[];
}

export interface TransactionHandler {
  handle(context: TransactionContext): Promise<TransactionAnswer>;
}
