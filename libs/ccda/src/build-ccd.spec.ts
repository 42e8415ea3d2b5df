import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCHEMAS, validateXsd } from '@gpb/testing';
import { buildCcd } from './build-ccd';

const FIXTURES = resolve(__dirname, '../../../fixtures/gpconnect');
const fixtureFiles = [
  ...readdirSync(FIXTURES).filter((name) => name.endsWith('.json')),
  ...readdirSync(join(FIXTURES, 'spec-examples')).map((name) => `spec-examples/${name}`),
];
const options = { documentId: '2.25.123456789', createdAt: new Date('2026-11-24T12:00:00Z') };

describe('buildCcd: every GP Connect fixture becomes a schema-valid CCD', () => {
  it.each(fixtureFiles)('%s', async (file) => {
    const result = buildCcd(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')), options);
    if (!result.ok) throw new Error(result.problem);
    expect(await validateXsd(SCHEMAS.cda, result.xml)).toEqual({ valid: true, errors: [] });
  }, 60_000);
});

describe('buildCcd: coverage — every clinical resource a List references is an entry or a narrative row', () => {
  it.each(fixtureFiles)('%s', (file) => {
    const result = buildCcd(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')), options);
    if (!result.ok) throw new Error(result.problem);
    const { referenced, entries, narrativeOnly, unaccounted } = result.coverage;
    expect(unaccounted).toEqual({});
    for (const [type, count] of Object.entries(referenced)) expect((entries[type] ?? 0) + (narrativeOnly[type] ?? 0)).toBe(count);
  });

  it('counts what the GP2GP record holds', () => {
    const result = buildCcd(JSON.parse(readFileSync(join(FIXTURES, 'gp2gp-9690937286-large.json'), 'utf8')), options);
    if (!result.ok) throw new Error(result.problem);
    expect(result.coverage.entries).toMatchObject({ AllergyIntolerance: 2, Encounter: 3, Immunization: 1, DiagnosticReport: 1, ReferralRequest: 2 });
    expect(result.xml).toContain('2.16.840.1.113883.10.20.22.4.49');
    expect(result.xml).toContain('2.16.840.1.113883.10.20.22.4.52');
    expect(result.xml).toContain('2.16.840.1.113883.10.20.22.4.40');
  });
});

describe('buildCcd: investigations', () => {
  const result = buildCcd(JSON.parse(readFileSync(join(FIXTURES, 'pathologyexample.json'), 'utf8')), options);
  if (!result.ok) throw new Error(result.problem);

  it('enters each test of the full blood count with its value, UCUM unit and time, the specimen on the organizer', () => {
    expect(result.xml).toContain('<value xsi:type="PQ" value="5.7" unit="10*9/L"/>');
    expect(result.xml).toMatch(/<organizer classCode="BATTERY"[\s\S]*?<specimen>[\s\S]*?<\/organizer>/);
    expect(result.xml).not.toMatch(/templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"\/>(?:(?!<\/observation>)[\s\S])*<effectiveTime nullFlavor="UNK"\/>/);
  });

  it('shows reference ranges to the reader', () => {
    expect(result.xml).toContain('<referenceRange>');
  });
});

describe('buildCcd: content', () => {
  const bundle = JSON.parse(readFileSync(join(FIXTURES, '9690937286.json'), 'utf8')) as unknown;
  const result = buildCcd(bundle, options);
  if (!result.ok) throw new Error(result.problem);

  it('names the patient by NHS number and the practice as custodian', () => {
    expect(result.xml).toContain('<id root="2.16.840.1.113883.2.1.4.1" extension="9690937286"/>');
    expect(result.summary.custodian.odsCode).toBeTruthy();
    expect(result.xml).toContain('<languageCode code="en-GB"/>');
  });

  it('enters the allergy, every medication statement and every problem', () => {
    expect(result.coverage.entries).toMatchObject({ AllergyIntolerance: 1, MedicationStatement: 9 });
    expect(result.coverage.entries['Condition']).toBeGreaterThan(0);
    expect(result.xml).toContain('89707004');
    expect(result.xml).toContain('9751511000001104');
  });

  it('never renders an empty allergies list as "no known allergies"', () => {
    const empty = buildCcd(JSON.parse(readFileSync(join(FIXTURES, '9690937278.json'), 'utf8')), options);
    if (!empty.ok) throw new Error(empty.problem);
    expect(empty.xml.toLowerCase()).not.toContain('no known allergies');
    expect(empty.xml).toMatch(/<section nullFlavor="NI">[\s\S]*?48765-2[\s\S]*?No Content Recorded/);
  });
});

describe('buildCcd: what is not a structured record gets a clear problem', () => {
  it.each([
    ['not an object', 'text', /not a JSON object/],
    ['another resource', { resourceType: 'Patient' }, /expected a FHIR Bundle/],
    ['a Bundle without entries', { resourceType: 'Bundle' }, /no entry array/],
    ['a Bundle without a Patient', { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Organization' } }] }, /no Patient/],
  ])('%s', (_name, input, problem) => {
    const result = buildCcd(input, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('converts a record with missing optional fields, odd dates and unknown code systems', async () => {
    const result = buildCcd(
      {
        resourceType: 'Bundle',
        entry: [
          { resource: { resourceType: 'Patient', id: 'p' } },
          { resource: { resourceType: 'List', code: { coding: [{ code: '886921000000105' }] }, entry: [{ item: { reference: 'AllergyIntolerance/a' } }, { item: { reference: 'AllergyIntolerance/missing' } }] } },
          { resource: { resourceType: 'AllergyIntolerance', id: 'a', onsetDateTime: 'last spring', code: { coding: [{ system: 'urn:example:local', code: 'X 1' }] } } },
        ],
      },
      options,
    );
    if (!result.ok) throw new Error(result.problem);
    expect(await validateXsd(SCHEMAS.cda, result.xml)).toEqual({ valid: true, errors: [] });
  });
});
