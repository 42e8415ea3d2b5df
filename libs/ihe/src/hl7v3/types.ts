import { ParsedElement } from '@gpb/xml';

/** An HL7 v3 instance identifier (II). */
export interface InstanceIdentifier {
  readonly root: string;
  readonly extension?: string;
}

/** A sending or receiving application in the transmission wrapper. */
export interface DeviceRef {
  readonly id: InstanceIdentifier;
  /** `device/asAgent/representedOrganization/id/@root`: the community OID (XCPD). */
  readonly homeCommunityOid?: string;
}

/** What a response needs from its request, readable even from a query we cannot otherwise process. */
export interface PatientDiscoveryEcho {
  readonly messageId: InstanceIdentifier;
  readonly sender: DeviceRef;
  readonly receiver?: DeviceRef;
  /** `processingCode` (P production, D debugging, T training); echoed in the response. */
  readonly processingCode?: string;
  readonly queryId?: InstanceIdentifier;
  readonly queryByParameter?: ParsedElement;
}

/** A PRPA_IN201305UV02 patient discovery query (ITI-47 and ITI-55). */
export interface PatientDiscoveryQuery extends PatientDiscoveryEcho {
  readonly queryId: InstanceIdentifier;
  readonly queryByParameter: ParsedElement;
  readonly interactionId?: string;
  readonly creationTime?: string;
  /** `queryByParameter/responsePriorityCode`: I immediate, D deferred. */
  readonly responsePriorityCode?: string;
  /** True for an XCPD deferred-mode request (responsePriorityCode D): answer later to `respondTo`. */
  readonly deferred: boolean;
  /** `respondTo/telecom/@value`: where a deferred response goes. */
  readonly respondTo?: string;
  /** Every `livingSubjectId` value that has a root and an extension. */
  readonly livingSubjectIds: ReadonlyArray<{ readonly root: string; readonly extension: string }>;
  /** The extension of the livingSubjectId whose root is the NHS number OID, if any. */
  readonly nhsNumber?: string;
  readonly name?: { readonly given: readonly string[]; readonly family?: string };
  /** HL7 TS as sent (e.g. 19630804). */
  readonly birthTime?: string;
  /** HL7 AdministrativeGender code as sent (M, F, UN). */
  readonly gender?: string;
  readonly postcode?: string;
}

/** readPatientDiscoveryQuery's result: on failure, whatever could be read to answer with an AE acknowledgement. */
export type PatientDiscoveryReadResult =
  | { readonly ok: true; readonly value: PatientDiscoveryQuery }
  | { readonly ok: false; readonly problem: string; readonly echo?: PatientDiscoveryEcho };

/** A patient as PDS knows them, in the shapes FHIR gives (dates as FHIR date/dateTime). */
export interface MatchedPatient {
  readonly nhsNumber: string;
  readonly name?: { readonly given: readonly string[]; readonly family?: string; readonly prefix?: readonly string[] };
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  /** FHIR date: YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly birthDate?: string;
  /** FHIR deceasedDateTime, or `deceased: true` when only the fact is known. */
  readonly deceasedDateTime?: string;
  readonly deceased?: boolean;
  readonly address?: {
    readonly lines: readonly string[];
    readonly city?: string;
    readonly district?: string;
    readonly postcode?: string;
    readonly country?: string;
  };
  /** ODS code of the registered GP practice. */
  readonly gpOdsCode?: string;
  readonly gpName?: string;
  /** Other identifiers of the same patient (e.g. the client's own id), as asOtherIDs. */
  readonly otherIds?: readonly InstanceIdentifier[];
}

export type PatientDiscoveryOutcome =
  | { readonly kind: 'match'; readonly patient: MatchedPatient; /** 0–100, default 100. */ readonly matchScore?: number }
  | { readonly kind: 'no-match' }
  | {
      readonly kind: 'error';
      readonly code: string;
      readonly text: string;
      /** Code system of `code`; the IHE XCPD error codes (1.3.6.1.4.1.19376.1.2.27.3) when omitted. */
      readonly codeSystem?: string;
      /** AE (application error, default) or QE (query parameter error). */
      readonly queryResponseCode?: 'AE' | 'QE';
    };

export interface PatientDiscoveryResponseInput {
  readonly transaction: 'iti55' | 'iti47';
  readonly request: PatientDiscoveryEcho;
  readonly outcome: PatientDiscoveryOutcome;
  /** Our home community: `urn:oid:…` or a bare OID. */
  readonly homeCommunityId: string;
  /** Our sender device OID. */
  readonly deviceId: string;
  readonly now: Date;
  /** The response message id; `{root: deviceId, extension: <uuid>}` when omitted. */
  readonly messageId?: InstanceIdentifier;
}
