import { ContractError, PatientDemographics, Result, Subjects, contractError, fail, ok } from '@gpb/contracts';
import { ServiceRuntime } from '@gpb/runtime';

/** A patient PDS knows, unrestricted, with a registered GP practice: someone whose GP record we may fetch. */
export interface RegisteredPatient {
  readonly demographics: PatientDemographics;
  readonly odsCode: string;
}

/** Looks the patient up in PDS (cached by the pds service) and finds their registered practice. */
export async function findRegisteredPatient(runtime: ServiceRuntime, nhsNumber: string): Promise<Result<RegisteredPatient>> {
  const lookup = await runtime.bus.call(Subjects.pdsRead, { nhsNumber });
  if (!lookup.ok) return lookup;
  switch (lookup.value.outcome) {
    case 'found': {
      const { patient } = lookup.value;
      if (!patient.gpOdsCode) return fail(noPractice());
      return ok({ demographics: patient, odsCode: patient.gpOdsCode });
    }
    case 'restricted':
      return fail(contractError('PATIENT_RESTRICTED', 'the patient record is restricted'));
    case 'not-found':
    case 'too-many-matches':
      return fail(contractError('PATIENT_NOT_FOUND', 'PDS does not know the NHS number'));
  }
}

function noPractice(): ContractError {
  return contractError('PRACTICE_NOT_FOUND', 'PDS names no registered GP practice for the patient');
}
