import { ContractError, PatientDemographics, PatientLookup, PatientSearch, Result, Subjects } from '@gpb/contracts';
import {
  MatchedPatient,
  PatientDiscoveryEcho,
  PatientDiscoveryOutcome,
  PatientDiscoveryQuery,
  buildPatientDiscoveryResponse,
  readPatientDiscoveryQuery,
} from '@gpb/ihe';
import { ServiceRuntime } from '@gpb/runtime';
import { SoapIngressConfig } from '../config';
import { TransactionAnswer, TransactionContext, TransactionHandler } from '../exchange/transaction-handler';
import { NHS_NUMBER_OID } from '@gpb/nhs-number';
import { PatientIdMap } from '../patients/patient-id-map';
import { demographicsDisagree } from './demographics-agreement';

const GENDER_QUERY: Readonly<Record<string, PatientSearch['gender']>> = { M: 'male', F: 'female', UN: 'other' };

/** ITI-55 (XCPD) and ITI-47 (PDQv3): who is this patient, by NHS number or by demographics, answered from PDS. */
export class PatientDiscoveryHandler implements TransactionHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly config: SoapIngressConfig,
    private readonly idMap: PatientIdMap,
  ) {}

  async handle(context: TransactionContext): Promise<TransactionAnswer> {
    const transaction = context.transaction === 'iti47' ? 'iti47' : 'iti55';
    const query = readPatientDiscoveryQuery(context.request.body);
    if (!query.ok) {
      this.runtime.logger.info('patient discovery query could not be read', { problem: query.problem });
      return this.answer(transaction, query.echo ?? placeholderEcho(), {
        kind: 'error',
        code: 'InternalError',
        text: `The query could not be processed: ${query.problem}`,
        queryResponseCode: 'QE',
      });
    }
    const outcome = await this.discover(query.value);
    this.runtime.logger.info('patient discovery answered', { transaction, outcome: outcome.kind });
    return this.answer(transaction, query.value, outcome);
  }

  private answer(transaction: 'iti55' | 'iti47', request: PatientDiscoveryEcho, outcome: PatientDiscoveryOutcome): TransactionAnswer {
    return {
      body: buildPatientDiscoveryResponse({
        transaction,
        request,
        outcome,
        homeCommunityId: this.config.homeCommunityId,
        deviceId: this.config.deviceId,
        now: new Date(),
      }),
    };
  }

  private async discover(query: PatientDiscoveryQuery): Promise<PatientDiscoveryOutcome> {
    if (query.deferred) {
      return {
        kind: 'error',
        code: 'InternalError',
        text: 'Deferred-mode patient discovery is not supported by this gateway; send the query in immediate mode (responsePriorityCode I).',
      };
    }
    const lookup = await this.lookup(query);
    if (!lookup.ok) return upstreamError(lookup.error);
    if (lookup.value.outcome !== 'found') return { kind: 'no-match' };
    const { patient } = lookup.value;
    if (query.nhsNumber && demographicsDisagree(query, patient).length > 0) return { kind: 'no-match' };

    const clientIds = query.livingSubjectIds.filter((id) => id.root !== NHS_NUMBER_OID);
    await this.idMap.remember(clientIds, patient.nhsNumber);
    return { kind: 'match', patient: matchedPatient(patient, clientIds) };
  }

  private async lookup(query: PatientDiscoveryQuery): Promise<Result<PatientLookup>> {
    if (query.nhsNumber) return this.runtime.bus.call(Subjects.pdsRead, { nhsNumber: query.nhsNumber });
    for (const id of query.livingSubjectIds) {
      const nhsNumber = await this.idMap.lookup(id);
      if (nhsNumber) return this.runtime.bus.call(Subjects.pdsRead, { nhsNumber });
    }
    const search = searchFrom(query);
    if (!search) return { ok: true, value: { outcome: 'not-found' } };
    return this.runtime.bus.call(Subjects.pdsSearch, search);
  }
}

/** A PDS search needs at least a family name and a full birth date. */
function searchFrom(query: PatientDiscoveryQuery): PatientSearch | undefined {
  const family = query.name?.family?.trim();
  const birth = query.birthTime?.replace(/\D/g, '');
  if (!family || !birth || birth.length < 8) return undefined;
  const gender = query.gender ? GENDER_QUERY[query.gender.toUpperCase()] : undefined;
  const given = query.name?.given[0];
  return {
    family,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    ...(given ? { given } : {}),
    ...(gender ? { gender } : {}),
    ...(query.postcode ? { postcode: query.postcode } : {}),
  };
}

function matchedPatient(patient: PatientDemographics, clientIds: readonly { root: string; extension: string }[]): MatchedPatient {
  return {
    nhsNumber: patient.nhsNumber,
    ...(patient.name ? { name: patient.name } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.deceasedDateTime ? { deceasedDateTime: patient.deceasedDateTime } : {}),
    ...(patient.address ? { address: patient.address } : {}),
    ...(patient.gpOdsCode ? { gpOdsCode: patient.gpOdsCode } : {}),
    ...(clientIds.length > 0 ? { otherIds: clientIds } : {}),
  };
}

/** An upstream failure is an AE acknowledgement the client can act on, never a SOAP fault. */
function upstreamError(error: ContractError): PatientDiscoveryOutcome {
  if (error.code === 'INVALID_NHS_NUMBER' || error.code === 'INVALID_REQUEST') {
    return { kind: 'error', code: 'InternalError', text: `The query parameters are not valid: ${error.message}`, queryResponseCode: 'QE' };
  }
  const temporary = error.retryable || ['UPSTREAM_RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'SERVICE_UNAVAILABLE'].includes(error.code);
  return {
    kind: 'error',
    code: temporary ? 'AnswerNotAvailable' : 'InternalError',
    text: temporary ? 'NHS patient demographics (PDS) are unavailable at the moment; try again shortly.' : `The patient could not be looked up: ${error.message}`,
  };
}

/** For a query too broken to echo: the minimum a valid acknowledgement needs. */
function placeholderEcho(): PatientDiscoveryEcho {
  return { messageId: { root: '2.16.840.1.113883.3.9999.0', extension: 'unknown' }, sender: { id: { root: '2.16.840.1.113883.3.9999.0' } } };
}
