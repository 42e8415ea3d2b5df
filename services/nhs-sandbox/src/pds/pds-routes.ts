import { Request, Response, Router } from 'express';
import { isValidNhsNumber } from '@gpb/nhs-number';
import { FaultInjector } from '../faults/fault-injector';
import { Json, array, isObject, operationOutcome, text } from '../fhir';
import { AccessTokens } from '../oauth/access-tokens';
import { RecordStore, SandboxPatient } from '../records/record-store';

const SPINE_R4 = 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PDS_BASE_PATH = '/personal-demographics/FHIR/R4';

const outcome = (code: string, display: string, issueCode: string, diagnostics?: string) => operationOutcome(code, display, SPINE_R4, issueCode, diagnostics);

/** PDS FHIR R4, application-restricted: read by NHS number and search by demographics (at most one match). */
export function pdsRoutes(deps: { store: RecordStore; tokens: AccessTokens; faults: FaultInjector }): Router {
  const router = Router();
  router.use(PDS_BASE_PATH, deps.faults.middleware('pds'), (request, response, next) => {
    const authorization = request.get('authorization') ?? '';
    const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    if (!deps.tokens.isLive(token)) {
      response.status(401).json(outcome('ACCESS_DENIED', 'Access Denied - Unauthorised', 'forbidden', 'Invalid Access Token'));
      return;
    }
    const requestId = request.get('x-request-id');
    if (!requestId) {
      response.status(400).json(outcome('MISSING_VALUE', 'Missing value', 'required', 'Invalid request with error - X-Request-ID header must be supplied to access this resource'));
      return;
    }
    if (!UUID.test(requestId)) {
      response.status(400).json(outcome('INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${requestId.slice(0, 40)}' in header 'X-Request-ID'`));
      return;
    }
    response.setHeader('X-Request-ID', requestId);
    const correlationId = request.get('x-correlation-id');
    if (correlationId) response.setHeader('X-Correlation-ID', correlationId);
    next();
  });

  router.get(`${PDS_BASE_PATH}/Patient/:id`, (request, response) => {
    const id = request.params['id'] ?? '';
    if (!isValidNhsNumber(id) || !/^\d{10}$/.test(id)) {
      response.status(400).json(outcome('INVALID_RESOURCE_ID', 'Resource Id is invalid', 'value', `Invalid resource ID - '${id.slice(0, 20)}'`));
      return;
    }
    const patient = deps.store.patient(id);
    if (!patient) {
      response.status(404).json(outcome('RESOURCE_NOT_FOUND', 'Resource not found', 'not-found'));
      return;
    }
    response.setHeader('ETag', `W/"${text(isObject(patient.pds['meta']) ? patient.pds['meta']['versionId'] : undefined) ?? '1'}"`);
    response.type('application/fhir+json').send(JSON.stringify(disclosed(patient.pds)));
  });

  router.get(`${PDS_BASE_PATH}/Patient`, (request: Request, response: Response) => {
    const query = (name: string) => (typeof request.query[name] === 'string' ? (request.query[name] as string) : undefined);
    const family = query('family');
    const birthdate = query('birthdate')?.replace(/^eq/, '');
    if (!family || !birthdate || !/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) {
      response.status(400).json(outcome('INVALID_SEARCH_DATA', 'Search data is invalid', 'value', 'Not enough search parameters were provided to be able to make a search'));
      return;
    }
    // A superseded number's entry points at the current record; a search finds only current records.
    const matches = deps.store.allPatients().filter((patient) => patient.pds['id'] === patient.nhsNumber).filter((patient) => matchesSearch(patient, { family, birthdate, given: query('given'), gender: query('gender'), postcode: query('address-postalcode') }));
    const maxResults = Number(query('_max-results') ?? 1);
    if (matches.length > Math.max(1, Number.isFinite(maxResults) ? maxResults : 1)) {
      response.status(200).json(outcome('TOO_MANY_MATCHES', 'Too Many Matches', 'multiple-matches'));
      return;
    }
    response.type('application/fhir+json').send(
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'searchset',
        timestamp: new Date().toISOString(),
        total: matches.length,
        entry: matches.map((patient) => ({
          fullUrl: `${request.protocol}://${request.get('host') ?? ''}${PDS_BASE_PATH}/Patient/${patient.nhsNumber}`,
          search: { score: 1 },
          resource: disclosed(patient.pds),
        })),
      }),
    );
  });
  return router;
}

/** Restricted and redacted patients come back without address, telecom or GP, as PDS does. */
function disclosed(pds: Json): Json {
  const security = array(isObject(pds['meta']) ? pds['meta']['security'] : undefined);
  if (!security.some((label) => ['R', 'V', 'REDACTED'].includes(String(label['code'])))) return pds;
  const { address: _address, telecom: _telecom, generalPractitioner: _gp, ...rest } = pds;
  return rest;
}

interface SearchTerms {
  readonly family: string;
  readonly birthdate: string;
  readonly given?: string;
  readonly gender?: string;
  readonly postcode?: string;
}

const fold = (value: string) => value.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

function matchesSearch(patient: SandboxPatient, terms: SearchTerms): boolean {
  const pds = patient.pds;
  if (pds['birthDate'] !== terms.birthdate) return false;
  const names = array(pds['name']);
  if (!names.some((name) => typeof name['family'] === 'string' && fold(name['family']) === fold(terms.family))) return false;
  if (terms.given) {
    const given = fold(terms.given);
    if (!names.some((name) => Array.isArray(name['given']) && name['given'].some((part) => typeof part === 'string' && fold(part) === given))) return false;
  }
  if (terms.gender && pds['gender'] !== terms.gender) return false;
  if (terms.postcode) {
    const postcode = fold(terms.postcode);
    if (!array(pds['address']).some((address) => typeof address['postalCode'] === 'string' && fold(address['postalCode']) === postcode)) return false;
  }
  return true;
}
