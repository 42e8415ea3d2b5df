import { createHash } from 'node:crypto';
import { IheClient } from '@gpb/ihe-client';
import { BODY_SCHEMAS, SCHEMAS, validateSoapMessage, validateXsd } from '@gpb/testing';

export interface FlowResult {
  readonly documentUniqueId: string;
  readonly document: Buffer;
  readonly seconds: { readonly discovery: number; readonly query: number; readonly retrieve: number };
}

const elapsed = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * The vertical slice as an external initiating gateway sees it: ITI-55 match, ITI-38 one entry,
 * ITI-39 the document as an MTOM part. Every response is validated against the official schemas.
 */
export async function runIheFlow(baseUrl: string, nhsNumber: string): Promise<FlowResult> {
  const client = new IheClient(baseUrl);

  let started = process.hrtime.bigint();
  const discovery = await client.discoverPatient({ nhsNumber });
  const discoverySeconds = elapsed(started);
  expect(discovery.exchange.soap.fault).toBeUndefined();
  expect(discovery.match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'OK', nhsNumber });
  expect(await validateSoapMessage(discovery.exchange.envelope, BODY_SCHEMAS.iti55)).toEqual({ valid: true, errors: [] });

  started = process.hrtime.bigint();
  const query = await client.findDocuments(nhsNumber);
  const querySeconds = elapsed(started);
  expect(query.exchange.soap.fault).toBeUndefined();
  expect(query.result?.errors).toEqual([]);
  expect(query.result?.entries).toHaveLength(1);
  expect(await validateSoapMessage(query.exchange.envelope, BODY_SCHEMAS.iti38)).toEqual({ valid: true, errors: [] });
  const entry = query.result?.entries[0];
  if (!entry?.uniqueId || !entry.repositoryUniqueId || !entry.home) throw new Error('the DocumentEntry lacks its ids');

  started = process.hrtime.bigint();
  const retrieval = await client.retrieveDocuments([{ homeCommunityId: entry.home, repositoryUniqueId: entry.repositoryUniqueId, documentUniqueId: entry.uniqueId }]);
  const retrieveSeconds = elapsed(started);
  expect(retrieval.exchange.contentType.toLowerCase()).toContain('multipart/related');
  expect(retrieval.result?.status).toMatch(/Success$/);
  expect(await validateSoapMessage(retrieval.exchange.envelope, BODY_SCHEMAS.iti39, retrieval.exchange.attachments)).toEqual({ valid: true, errors: [] });
  const document = retrieval.contents.get(entry.uniqueId);
  if (!document) throw new Error('the document did not come back as an attachment');
  expect(createHash('sha1').update(document).digest('hex')).toBe(entry.hash);
  expect(String(document.length)).toBe(entry.size);
  expect(await validateXsd(SCHEMAS.cda, document.toString('utf8'))).toEqual({ valid: true, errors: [] });

  return { documentUniqueId: entry.uniqueId, document, seconds: { discovery: discoverySeconds, query: querySeconds, retrieve: retrieveSeconds } };
}
