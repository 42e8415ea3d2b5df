import { ParsedElement } from '@gpb/xml';

/** A namespace-qualified name, as read (never a prefix). */
export interface QName {
  readonly ns: string;
  readonly local: string;
}

/** SOAP 1.2 fault codes (SOAP 1.2 Part 1 §5.4.6). */
export type SoapFaultCode = 'VersionMismatch' | 'MustUnderstand' | 'DataEncodingUnknown' | 'Sender' | 'Receiver';

/** What a SOAP 1.2 fault says; `buildSoapFault` turns it into an envelope. */
export interface SoapFaultSpec {
  readonly code: SoapFaultCode;
  /**
   * `env:Subcode/env:Value`: `wsa:<Name>` for WS-Addressing subcodes, `wsse:<Name>` for WS-Security
   * ones (InvalidSecurity, FailedAuthentication, MessageExpired…), otherwise a local name placed in our
   * own fault namespace (`gpb:<Name>`).
   */
  readonly subcode?: string;
  readonly reason: string;
  /** wsa:RelatesTo: the MessageID of the request this fault answers, when it could be read. */
  readonly relatesTo?: string;
  /** wsa:MessageID of the fault message; a fresh `urn:uuid:` when omitted. */
  readonly messageId?: string;
  /** Header blocks that were not understood (MustUnderstand faults add one `env:NotUnderstood` each). */
  readonly notUnderstood?: readonly QName[];
}

/** The WS-Addressing and security headers of a request. */
export interface SoapRequestHeader {
  readonly action?: string;
  readonly messageId?: string;
  /** wsa:ReplyTo/wsa:Address; absent means anonymous (answer on the same HTTP exchange). */
  readonly replyTo?: string;
  readonly faultTo?: string;
  readonly to?: string;
  /** mustUnderstand header blocks targeted at us other than wsa:* and wsse:Security. */
  readonly notUnderstood: readonly QName[];
  /** The wsse:Security header block, for the SAML reader. */
  readonly security?: ParsedElement;
}

/** A readable SOAP 1.2 request. */
export interface SoapRequest {
  readonly header: SoapRequestHeader;
  /** The first element child of env:Body: the transaction's payload. */
  readonly body: ParsedElement;
  readonly envelope: ParsedElement;
}

/** readSoapRequest never throws: a request or the fault to answer with. */
export type SoapReadResult =
  | ({ readonly ok: true } & SoapRequest)
  | { readonly ok: false; readonly fault: SoapFaultSpec & { readonly code: 'VersionMismatch' | 'Sender' | 'MustUnderstand' } };
