import type { TextPayload } from './payload';

export const Transactions = ['iti55', 'iti47', 'iti38', 'iti39'] as const;
export type Transaction = (typeof Transactions)[number];

/** A binary MIME part, base64 when inline. */
export interface BinaryPart {
  readonly contentId: string;
  readonly contentType: string;
  readonly body: TextPayload;
  readonly encoding: 'utf8' | 'base64';
}

/** What the gateway hands soap-ingress: the SOAP envelope (MTOM already unpacked) and any attachments. */
export interface SoapExchange {
  readonly transaction: Transaction;
  /** Content-Type of the root part (the envelope), including its action parameter if any. */
  readonly contentType: string;
  readonly envelope: TextPayload;
  readonly attachments: readonly BinaryPart[];
  /** The endpoint URL the client called, for wsa:To checks and WSDL addresses. */
  readonly endpoint: string;
}

/** What soap-ingress answers: the response envelope and the attachments to send as MTOM parts. */
export interface SoapReply {
  readonly httpStatus: number;
  readonly envelope: TextPayload;
  readonly attachments: readonly BinaryPart[];
  /** The response wsa:Action, for the Content-Type action parameter. */
  readonly action?: string;
}
