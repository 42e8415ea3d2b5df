import { randomUUID } from 'node:crypto';

/** A new XDS uniqueId: `2.25.` + the decimal value of a random UUID (ISO/IEC 9834-8), so always a valid OID. */
export function newDocumentUniqueId(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

/** An ebXML entryUUID. */
export function newEntryUuid(): string {
  return `urn:uuid:${randomUUID()}`;
}
