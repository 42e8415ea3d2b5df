import type { BlobRef } from './payload';

/** Who is asking, from the SAML assertion; flows into the GP Connect JWT and the audit trail. */
export interface Requester {
  readonly subjectId?: string;
  readonly subjectName?: string;
  readonly organization?: string;
  readonly organizationId?: string;
  readonly homeCommunityId?: string;
  readonly role?: { readonly code: string; readonly system?: string; readonly display?: string };
  readonly purposeOfUse?: { readonly code: string; readonly system?: string; readonly display?: string };
}

export interface StructuredRecordRequest {
  readonly nhsNumber: string;
  /** The registered practice, from PDS. */
  readonly odsCode: string;
  readonly requester?: Requester;
}

export interface GpProvider {
  readonly odsCode: string;
  readonly asid: string;
  readonly endpoint: string;
}

export interface StructuredRecordReply {
  /** The FHIR STU3 Bundle JSON, by reference: records reach several MB. */
  readonly bundle: BlobRef;
  readonly provider: GpProvider;
  /** ISO 8601 */
  readonly retrievedAt: string;
}
