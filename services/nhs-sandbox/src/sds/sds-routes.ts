import { Request, Response, Router } from 'express';
import { FaultInjector } from '../faults/fault-injector';
import { ASID_SYSTEM, INTERACTION_SYSTEM, ODS_SYSTEM, PARTY_KEY_SYSTEM, STRUCTURED_RECORD_INTERACTION, operationOutcome } from '../fhir';
import { RecordStore, SandboxPractice } from '../records/record-store';

export const SDS_BASE_PATH = '/spine-directory/FHIR/R4';
const SPINE_R4 = 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode';

/** Where a practice's GP Connect provider listens in the sandbox: the address SDS gives out. */
export function gpConnectEndpoint(baseUrl: string, odsCode: string): string {
  return `${baseUrl}/gpconnect/${odsCode}/STU3/1/gpconnect/structured/fhir`;
}

/** Spine Directory Service FHIR R4: the GP Connect Device (ASID) and Endpoint (address) of each practice. */
export function sdsRoutes(deps: { store: RecordStore; faults: FaultInjector }): Router {
  const router = Router();
  router.use(SDS_BASE_PATH, deps.faults.middleware('sds'), (request, response, next) => {
    if (!request.get('apikey')) {
      response.status(401).json(operationOutcome('ACCESS_DENIED', 'Access Denied', SPINE_R4, 'forbidden', 'Invalid API Key'));
      return;
    }
    next();
  });
  router.get(`${SDS_BASE_PATH}/Device`, (request, response) => search(request, response, deps.store, device));
  router.get(`${SDS_BASE_PATH}/Endpoint`, (request, response) => search(request, response, deps.store, endpoint));
  return router;
}

type Build = (practice: SandboxPractice, baseUrl: string) => Record<string, unknown>;

function search(request: Request, response: Response, store: RecordStore, build: Build): void {
  const values = (name: string): string[] => {
    const raw = request.query[name];
    return (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string');
  };
  const organisation = values('organization').find((value) => value.startsWith(`${ODS_SYSTEM}|`));
  const interaction = values('identifier').find((value) => value.startsWith(`${INTERACTION_SYSTEM}|`));
  if (!organisation || !interaction) {
    response.status(400).json(operationOutcome('INVALID_PARAMETER', 'Invalid parameter', SPINE_R4, 'value', 'organization and identifier (interaction id) are required'));
    return;
  }
  const practice = store.practice(organisation.slice(ODS_SYSTEM.length + 1));
  const matches = practice && interaction === `${INTERACTION_SYSTEM}|${STRUCTURED_RECORD_INTERACTION}` ? [practice] : [];
  const baseUrl = `${request.protocol}://${request.get('host') ?? ''}`;
  response.type('application/fhir+json').send(
    JSON.stringify({
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      entry: matches.map((match) => ({ resource: build(match, baseUrl), search: { mode: 'match' } })),
    }),
  );
}

const device: Build = (practice) => ({
  resourceType: 'Device',
  id: `device-${practice.odsCode}`,
  identifier: [
    { system: ASID_SYSTEM, value: practice.asid },
    { system: PARTY_KEY_SYSTEM, value: practice.partyKey },
  ],
  extension: [
    {
      url: 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-NhsServiceInteractionId',
      valueReference: { identifier: { system: INTERACTION_SYSTEM, value: STRUCTURED_RECORD_INTERACTION } },
    },
  ],
  owner: { identifier: { system: ODS_SYSTEM, value: practice.odsCode }, display: practice.name },
});

const endpoint: Build = (practice, baseUrl) => ({
  resourceType: 'Endpoint',
  id: `endpoint-${practice.odsCode}`,
  status: 'active',
  connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest', display: 'HL7 FHIR' },
  payloadType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'any', display: 'Any' }] }],
  address: gpConnectEndpoint(baseUrl, practice.odsCode),
  managingOrganization: { identifier: { system: ODS_SYSTEM, value: practice.odsCode } },
  identifier: [{ system: PARTY_KEY_SYSTEM, value: practice.partyKey }],
});
