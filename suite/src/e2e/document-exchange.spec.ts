import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IheClient, getDocumentsQuery, readRetrieveResult, readSoapResponse } from '@gpb/ihe-client';
import { parseMultipartRelated } from '@gpb/ihe';
import { BODY_SCHEMAS, SCHEMAS, validateSoapMessage, validateXsd } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const STABLE = 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1';
const ON_DEMAND = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248';
const HOME = 'urn:oid:2.16.840.1.113883.3.9999.1';
const REPOSITORY = '2.16.840.1.113883.3.9999.1.1';
const VALID = { valid: true, errors: [] };

describe('ITI-38 and ITI-39: the variations an initiating gateway sends', () => {
  let suite: RunningEmbeddedSuite;
  let client: IheClient;
  const dataDir = mkdtempSync(join(tmpdir(), 'gpb-dissent-'));

  beforeAll(async () => {
    writeFileSync(join(dataDir, '9690937472.dissent'), '');
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', NHS_SANDBOX_DATA: dataDir } });
    client = new IheClient(suite.url);
  }, 60_000);
  afterAll(async () => {
    await suite.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => suite.sandbox.faults.clear());

  it('answers an On-Demand request with an On-Demand entry, and retrieving it generates the document', async () => {
    const query = await client.findDocuments('9690937286', { entryTypes: ['onDemand'] });
    expect(await validateSoapMessage(query.exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
    expect(query.result?.entries).toHaveLength(1);
    const entry = query.result?.entries[0];
    expect(entry).toMatchObject({ objectType: ON_DEMAND, hash: undefined, size: undefined });
    const again = await client.findDocuments('9690937286', { entryTypes: ['onDemand'] });
    expect(again.result?.entries[0]?.uniqueId).toBe(entry?.uniqueId);

    const retrieval = await client.retrieveDocuments([{ homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: entry?.uniqueId ?? '' }]);
    expect(await validateSoapMessage(retrieval.exchange.envelope, BODY_SCHEMAS.iti39, retrieval.exchange.attachments)).toEqual(VALID);
    const document = retrieval.result?.documents[0];
    expect(document?.documentUniqueId).toBe(entry?.uniqueId);
    expect(document?.newDocumentUniqueId).toMatch(/^2\.25\.\d+$/);
    const content = retrieval.contents.get(entry?.uniqueId ?? '');
    expect(content && (await validateXsd(SCHEMAS.cda, content.toString('utf8')))).toEqual(VALID);
  }, 60_000);

  it('returns both kinds when both are asked for, only stable ones by default', async () => {
    const both = await client.findDocuments('9690937286', { entryTypes: ['stable', 'onDemand'] });
    expect(both.result?.entries.map((entry) => entry.objectType).sort()).toEqual([ON_DEMAND, STABLE].sort());
    const byDefault = await client.findDocuments('9690937286');
    expect(byDefault.result?.entries.map((entry) => entry.objectType)).toEqual([STABLE]);
  }, 60_000);

  it('answers ObjectRef queries with references only, schema-valid', async () => {
    const { exchange, result } = await client.findDocuments('9690937286', { returnType: 'ObjectRef' });
    expect(result?.entries).toEqual([]);
    expect(result?.objectRefs).toHaveLength(1);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
  }, 60_000);

  it('applies class code and creation time filters', async () => {
    const loinc = "('34133-9^^2.16.840.1.113883.6.1')";
    expect((await client.findDocuments('9690937286', { slots: { $XDSDocumentEntryClassCode: [loinc] } })).result?.entries).toHaveLength(1);
    expect((await client.findDocuments('9690937286', { slots: { $XDSDocumentEntryClassCode: ["('11488-4^^2.16.840.1.113883.6.1')"] } })).result?.entries).toEqual([]);
    const future = await client.findDocuments('9690937286', { slots: { $XDSDocumentEntryCreationTimeFrom: ['20990101'] } });
    expect(future.result).toMatchObject({ entries: [], errors: [] });
    expect(future.result?.status).toMatch(/Success$/);
    expect((await client.findDocuments('9690937286', { slots: { $XDSDocumentEntryCreationTimeFrom: ['20200101'] } })).result?.entries).toHaveLength(1);
  }, 60_000);

  it('answers GetDocuments by uniqueId and by entryUUID', async () => {
    const found = await client.findDocuments('9690937286');
    const entry = found.result?.entries[0];
    const byUniqueId = await client.query(getDocumentsQuery({ uniqueIds: [entry?.uniqueId ?? '', '2.25.1'] }));
    expect(byUniqueId.result?.entries.map((item) => item.uniqueId)).toEqual([entry?.uniqueId]);
    const byEntryUuid = await client.query(getDocumentsQuery({ entryUuids: [entry?.entryUuid ?? ''] }));
    expect(byEntryUuid.result?.entries.map((item) => item.uniqueId)).toEqual([entry?.uniqueId]);
    expect(await validateSoapMessage(byEntryUuid.exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
  }, 60_000);

  it('refuses another community with XDSUnknownCommunity', async () => {
    const { exchange, result } = await client.findDocuments('9690937286', { home: 'urn:oid:1.2.3.4.5' });
    expect(result?.errors.map((error) => [error.code, error.location])).toEqual([['XDSUnknownCommunity', HOME]]);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
  });

  it('tells the clinician when the patient has dissented from sharing (GP Connect NO_PATIENT_CONSENT)', async () => {
    const { exchange, result } = await client.findDocuments('9690937472');
    expect(result?.errors).toEqual([expect.objectContaining({ code: 'XDSRegistryError', message: expect.stringMatching(/dissented/) })]);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
  }, 60_000);

  it('answers XDSRegistryNotAvailable when PDS keeps failing', async () => {
    suite.sandbox.faults.inject('pds', { status: 503 });
    const { exchange, result } = await client.findDocuments('9693632109');
    expect(result?.errors.map((error) => error.code)).toEqual(['XDSRegistryNotAvailable']);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti38)).toEqual(VALID);
  }, 60_000);

  it('retrieves several documents at once with a per-item answer (PartialSuccess)', async () => {
    const entry = (await client.findDocuments('9690937286')).result?.entries[0];
    const retrieval = await client.retrieveDocuments([
      { homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: entry?.uniqueId ?? '' },
      { homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: '2.25.12345' },
      { homeCommunityId: HOME, repositoryUniqueId: '1.2.3', documentUniqueId: entry?.uniqueId ?? '' },
    ]);
    expect(retrieval.result?.status).toBe('urn:ihe:iti:2007:ResponseStatusType:PartialSuccess');
    expect(retrieval.result?.documents.map((document) => document.documentUniqueId)).toEqual([entry?.uniqueId]);
    expect(retrieval.result?.errors.map((error) => error.code)).toEqual(['XDSDocumentUniqueIdError', 'XDSUnknownRepositoryId']);
    expect(await validateSoapMessage(retrieval.exchange.envelope, BODY_SCHEMAS.iti39, retrieval.exchange.attachments)).toEqual(VALID);
  }, 60_000);

  it('regenerates a document evicted from the cache under the same uniqueId instead of refusing it', async () => {
    const entry = (await client.findDocuments('9690937286')).result?.entries[0];
    await suite.platform.cache.delete(`document:${entry?.uniqueId ?? ''}`);
    const retrieval = await client.retrieveDocuments([{ homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: entry?.uniqueId ?? '' }]);
    expect(retrieval.result?.status).toMatch(/:Success$/);
    const content = retrieval.contents.get(entry?.uniqueId ?? '');
    expect(content?.toString('utf8')).toContain(`<id root="${entry?.uniqueId ?? ''}"/>`);
    expect(createHash('sha1').update(content ?? '').digest('hex')).toMatch(/^[0-9a-f]{40}$/);
  }, 60_000);

  it('accepts an MTOM request with unusual prefixes, bare LF line ends and a value sent as an xop:Include part', async () => {
    const entry = (await client.findDocuments('9690937286')).result?.entries[0];
    const boundary = 'MIMEBoundary_urn_uuid_5A2B';
    const root =
      '<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header>' +
      '<A:Action xmlns:A="http://www.w3.org/2005/08/addressing" S:mustUnderstand="true">urn:ihe:iti:2007:CrossGatewayRetrieve</A:Action>' +
      '<A:MessageID xmlns:A="http://www.w3.org/2005/08/addressing">urn:uuid:9b0e0f55-3a53-4a3c-9e1e-6f3c1e2b7a10</A:MessageID></S:Header><S:Body>' +
      '<x:RetrieveDocumentSetRequest xmlns:x="urn:ihe:iti:xds-b:2007"><x:DocumentRequest>' +
      `<x:HomeCommunityId>${HOME}</x:HomeCommunityId><x:RepositoryUniqueId>${REPOSITORY}</x:RepositoryUniqueId>` +
      '<x:DocumentUniqueId><inc:Include xmlns:inc="http://www.w3.org/2004/08/xop/include" href="cid:doc-id%40example.org"/></x:DocumentUniqueId>' +
      '</x:DocumentRequest></x:RetrieveDocumentSetRequest></S:Body></S:Envelope>';
    const body = [
      `--${boundary}`,
      'Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"',
      'Content-Transfer-Encoding: binary',
      'Content-ID: <root.message@cxf.apache.org>',
      '',
      root,
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      'Content-ID: <doc-id@example.org>',
      '',
      entry?.uniqueId ?? '',
      `--${boundary}--`,
      '',
    ].join('\n');
    const response = await fetch(`${suite.url}/ihe/iti39`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/related; type="application/xop+xml"; boundary=${boundary}; start="<root.message@cxf.apache.org>"; start-info="application/soap+xml"` },
      body,
    });
    expect(response.status).toBe(200);
    const mime = parseMultipartRelated(Buffer.from(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
    if (!mime.ok) throw new Error(mime.problem);
    const soap = readSoapResponse(mime.root.content.toString('utf8'));
    expect(soap.relatesTo).toBe('urn:uuid:9b0e0f55-3a53-4a3c-9e1e-6f3c1e2b7a10');
    expect(soap.body && readRetrieveResult(soap.body)).toMatchObject({ status: expect.stringMatching(/:Success$/), documents: [expect.objectContaining({ documentUniqueId: entry?.uniqueId })] });
  }, 60_000);
});
