import type { BlobRef } from './payload';

export interface BuildDocumentRequest {
  readonly bundle: BlobRef;
  /** The XDS uniqueId (an OID) the document will carry. */
  readonly documentId: string;
  /** How long the built document stays in the blob store, seconds. */
  readonly ttlSeconds: number;
}

/** The document plus the metadata the XDS registry entry needs. */
export interface BuildDocumentReply {
  readonly document: BlobRef;
  readonly documentId: string;
  readonly title: string;
  /** SHA-1 of the document bytes, hex (XDS hash). */
  readonly sha1: string;
  readonly size: number;
  /** HL7 TS */
  readonly creationTime: string;
  readonly serviceStartTime?: string;
  readonly serviceStopTime?: string;
  readonly confidentialityCode: 'N' | 'R' | 'V';
  readonly languageCode: string;
  readonly custodian: { readonly odsCode?: string; readonly name?: string };
}
