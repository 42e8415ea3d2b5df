import { BinaryPart, SoapExchange, Transaction } from '@gpb/contracts';
import { BlobStore } from '@gpb/cache';
import { parseMultipartRelated } from '@gpb/ihe';

export type ExchangeOutcome = { ok: true; value: SoapExchange } | { ok: false; problem: string };

interface ExchangeInput {
  transaction: Transaction;
  contentType: string;
  body: Buffer;
  endpoint: string;
  blobs: BlobStore;
}

/** Unpacks MTOM (if any) and puts large parts in the blob store, so the message to soap-ingress stays small. */
export async function toSoapExchange(input: ExchangeInput): Promise<ExchangeOutcome> {
  const isMultipart = input.contentType.trim().toLowerCase().startsWith('multipart/related');
  if (!isMultipart) {
    return {
      ok: true,
      value: {
        transaction: input.transaction,
        contentType: input.contentType,
        envelope: await input.blobs.wrap(input.body.toString('utf8')),
        attachments: [],
        endpoint: input.endpoint,
      },
    };
  }
  const mime = parseMultipartRelated(input.body, input.contentType);
  if (!mime.ok) return { ok: false, problem: `The MTOM message could not be read: ${mime.problem}` };
  const attachments: BinaryPart[] = [];
  for (const [contentId, part] of mime.parts) {
    attachments.push({ contentId, contentType: part.contentType, encoding: 'base64', body: await input.blobs.wrap(part.content.toString('base64')) });
  }
  return {
    ok: true,
    value: {
      transaction: input.transaction,
      contentType: mime.root.contentType,
      envelope: await input.blobs.wrap(mime.root.content.toString('utf8')),
      attachments,
      endpoint: input.endpoint,
    },
  };
}
