import { IheClient, findDocumentsQuery } from '@gpb/ihe-client';
import { BODY_SCHEMAS, validateSoapMessage } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const VALID = { valid: true, errors: [] };
const EPIC_MRN_ROOT = '1.2.840.114350.1.13.99997.2.3412';

describe('ITI-55 and ITI-47: patient discovery variations', () => {
  let suite: RunningEmbeddedSuite;
  let client: IheClient;

  beforeAll(async () => {
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' } });
    client = new IheClient(suite.url);
  }, 60_000);
  afterAll(() => suite.close());
  afterEach(() => suite.sandbox.faults.clear());

  async function discover(query: Parameters<IheClient['discoverPatient']>[0], transaction: 'iti55' | 'iti47' = 'iti55') {
    const { exchange, match } = await client.discoverPatient(query, transaction);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS[transaction])).toEqual(VALID);
    return { exchange, match };
  }

  it('matches by NHS number with demographics that agree, naming our home community as custodian', async () => {
    const { exchange, match } = await discover({ nhsNumber: '9690937286', family: 'Skelly', birthTime: '19250421', gender: 'M' });
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'OK', nhsNumber: '9690937286', birthTime: '19250421', gpPracticeOds: 'B82617' });
    expect(exchange.envelope).toMatch(/<hl7:custodian[^>]*>[\s\S]*?2\.16\.840\.1\.113883\.3\.9999\.1[\s\S]*?<\/hl7:custodian>/);
    expect(exchange.envelope).toContain('queryByParameter');
  });

  it('does not match when the demographics sent with the NHS number disagree with PDS', async () => {
    const { match } = await discover({ nhsNumber: '9690937286', family: 'Smith', birthTime: '19250421' });
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'NF' });
    expect((await discover({ nhsNumber: '9690937286', birthTime: '19800101' })).match?.queryResponseCode).toBe('NF');
  });

  it('finds a patient by demographics alone (PDS search)', async () => {
    const { match } = await discover({ family: 'SKELLY', given: 'Horace', birthTime: '19250421', gender: 'M' });
    expect(match).toMatchObject({ queryResponseCode: 'OK', nhsNumber: '9690937286' });
  });

  it('matches a superseded NHS number under the current one', async () => {
    const { match } = await discover({ nhsNumber: '9434765803' });
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'OK', nhsNumber: '9690937286' });
  });

  it('matches a deceased patient, with the date of death', async () => {
    const { exchange, match } = await discover({ nhsNumber: '9000000009' });
    expect(match?.queryResponseCode).toBe('OK');
    expect(exchange.envelope).toContain('deceasedTime');
  });

  it('answers a restricted patient as no match, disclosing nothing', async () => {
    const { exchange, match } = await discover({ nhsNumber: '9000000025' });
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'NF' });
    expect(exchange.envelope).not.toMatch(/Smythe/i);
  });

  it('remembers the client’s own patient id, so a query by that id finds the GP record', async () => {
    const { match } = await discover({ nhsNumber: '9690937278', otherIds: [{ root: EPIC_MRN_ROOT, extension: 'E12345' }] });
    expect(match?.queryResponseCode).toBe('OK');
    const { result } = await client.findDocuments('E12345', {});
    expect(result?.errors).toEqual([expect.objectContaining({ code: 'XDSUnknownPatientId' })]);
    const query = await client.query(findDocumentsQuery({ id: 'E12345', root: EPIC_MRN_ROOT }));
    expect(query.result?.errors).toEqual([]);
    expect(query.result?.entries).toHaveLength(1);
    // And a later discovery by that id alone resolves too.
    expect((await discover({ otherIds: [{ root: EPIC_MRN_ROOT, extension: 'E12345' }] })).match).toMatchObject({ queryResponseCode: 'OK', nhsNumber: '9690937278' });
  }, 60_000);

  it('answers AE/AE with a detail the client can act on when PDS is unavailable', async () => {
    suite.sandbox.faults.inject('pds', { status: 503 });
    const { match } = await discover({ nhsNumber: '9693632109' });
    expect(match).toMatchObject({ acknowledgement: 'AE', queryResponseCode: 'AE' });
    expect(match?.detail).toMatch(/unavailable|try again/i);
  }, 30_000);

  it('refuses an invalid NHS number with a query error, not a fault', async () => {
    const { match } = await discover({ nhsNumber: '9690937287' });
    expect(match?.acknowledgement).toBe('AE');
    expect(match?.queryResponseCode).toBe('QE');
  });

  it('answers ITI-47 the same way, without the XCPD home community', async () => {
    const { match } = await discover({ nhsNumber: '9690937286' }, 'iti47');
    expect(match?.queryResponseCode).toBe('OK');
  });
});
