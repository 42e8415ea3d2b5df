import { Request, Response, Router, json } from 'express';
import jwt from 'jsonwebtoken';
import { isValidNhsNumber } from '@gpb/nhs-number';
import { FaultInjector } from '../faults/fault-injector';
import { Json, NHS_NUMBER_SYSTEM, ODS_SYSTEM, STRUCTURED_RECORD_INTERACTION, array, isObject, operationOutcome, text } from '../fhir';
import { RecordStore } from '../records/record-store';
import { gpConnectEndpoint } from '../sds/sds-routes';

const SPINE_STU3 = 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1';
const FHIR_JSON = 'application/fhir+json';

const outcome = (status: number, code: string, display: string, diagnostics: string) => ({
  status,
  body: operationOutcome(code, display, SPINE_STU3, status === 404 ? 'not-found' : status === 403 ? 'forbidden' : 'invalid', diagnostics),
});

type Refusal = ReturnType<typeof outcome>;

/** GP Connect Access Record: Structured at every practice the sandbox knows, checked as a provider would. */
export function gpConnectRoutes(deps: { store: RecordStore; faults: FaultInjector }): Router {
  const router = Router();
  router.post(
    '/gpconnect/:ods/STU3/1/gpconnect/structured/fhir/Patient/\\$gpc.getstructuredrecord',
    deps.faults.middleware('gpconnect'),
    json({ type: ['application/fhir+json', 'application/json'], limit: '256kb' }),
    (request: Request, response: Response) => {
      const answer = structuredRecord(request, deps.store);
      if ('record' in answer) response.status(200).type(FHIR_JSON).send(answer.record);
      else response.status(answer.status).type(FHIR_JSON).send(JSON.stringify(answer.body));
    },
  );
  return router;
}

function structuredRecord(request: Request, store: RecordStore): { record: string } | Refusal {
  const practice = store.practice(request.params['ods'] ?? '');
  if (!practice) return outcome(404, 'ORGANISATION_NOT_FOUND', 'Organisation record not found', 'no GP Connect provider at this address');
  const endpoint = gpConnectEndpoint(`${request.protocol}://${request.get('host') ?? ''}`, practice.odsCode);

  const headerProblem = checkSpineHeaders(request, practice.asid);
  if (headerProblem) return headerProblem;
  const jwtProblem = checkJwt(request.get('authorization'), endpoint);
  if (jwtProblem) return outcome(400, 'BAD_REQUEST', 'Bad request', jwtProblem);

  const nhsNumber = patientNhsNumber(request.body);
  if (nhsNumber === undefined) return outcome(422, 'INVALID_PARAMETER', 'Invalid parameter', 'the Parameters resource has no patientNHSNumber with the NHS number system');
  if (!isValidNhsNumber(nhsNumber)) return outcome(400, 'INVALID_NHS_NUMBER', 'NHS number invalid', 'the NHS number fails the check digit');
  const patient = store.patient(nhsNumber);
  if (!patient?.record) return outcome(404, 'PATIENT_NOT_FOUND', 'Patient not found', 'no record for this NHS number at this practice');
  if (patient.dissent) return outcome(403, 'NO_PATIENT_CONSENT', 'Patient has not provided consent to share data', 'the patient has dissented from sharing');
  return { record: patient.record };
}

function checkSpineHeaders(request: Request, asid: string): Refusal | undefined {
  for (const header of ['Ssp-TraceID', 'Ssp-From', 'Ssp-To', 'Ssp-InteractionID']) {
    if (!request.get(header)) return outcome(400, 'BAD_REQUEST', 'Bad request', `the ${header} header is missing`);
  }
  if (request.get('Ssp-InteractionID') !== STRUCTURED_RECORD_INTERACTION) return outcome(400, 'BAD_REQUEST', 'Bad request', 'Ssp-InteractionID is not the structured record interaction');
  if (request.get('Ssp-To') !== asid) return outcome(403, 'ACCESS_DENIED', 'Access denied', 'Ssp-To is not the ASID of this provider');
  return undefined;
}

/** The GP Connect 1.6 JWT rules a provider enforces; undefined when the token passes. */
export function checkJwt(authorization: string | undefined, endpoint: string): string | undefined {
  if (!authorization?.startsWith('Bearer ')) return 'the Authorization header has no Bearer JWT';
  const claims = jwt.decode(authorization.slice(7), { json: true });
  if (!claims) return 'the Bearer token is not a JWT';
  if (!text(claims['iss'])) return 'the JWT has no iss';
  if (claims['aud'] !== endpoint) return 'the JWT aud is not this provider endpoint';
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp - claims.iat !== 300) return 'the JWT exp must be iat + 300 seconds';
  const now = Math.floor(Date.now() / 1000);
  if (claims.iat > now + 60) return 'the JWT iat is in the future';
  if (claims.exp < now) return 'the JWT has expired';
  if (claims['reason_for_request'] !== 'directcare') return "the JWT reason_for_request must be 'directcare'";
  if (claims['requested_scope'] !== 'patient/*.read') return "the JWT requested_scope must be 'patient/*.read'";
  const device = claims['requesting_device'];
  if (!isObject(device) || device['resourceType'] !== 'Device' || array(device['identifier']).length === 0) return 'the JWT requesting_device is not a Device with an identifier';
  const organisation = claims['requesting_organization'];
  if (!isObject(organisation) || organisation['resourceType'] !== 'Organization' || !array(organisation['identifier']).some((id) => id['system'] === ODS_SYSTEM)) {
    return 'the JWT requesting_organization is not an Organization with an ODS code';
  }
  const practitioner = claims['requesting_practitioner'];
  if (!isObject(practitioner) || practitioner['resourceType'] !== 'Practitioner' || practitioner['id'] !== claims.sub) {
    return 'the JWT requesting_practitioner is not a Practitioner whose id is the sub claim';
  }
  if (!array(practitioner['identifier']).some((id) => id['system'] === 'https://fhir.nhs.uk/Id/sds-user-id')) return 'the JWT requesting_practitioner has no SDS user id';
  return undefined;
}

function patientNhsNumber(body: unknown): string | undefined {
  if (!isObject(body) || body['resourceType'] !== 'Parameters') return undefined;
  const parameter = array(body['parameter']).find((item) => item['name'] === 'patientNHSNumber');
  const identifier: Json | undefined = isObject(parameter?.['valueIdentifier']) ? parameter['valueIdentifier'] : undefined;
  if (identifier?.['system'] !== NHS_NUMBER_SYSTEM) return undefined;
  return text(identifier['value']);
}
