import { randomUUID } from 'node:crypto';
import { SoapFaultSpec } from '../soap/types';

/** WS-Addressing 1.0 well-known addresses. */
export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
export const WSA_NONE = 'http://www.w3.org/2005/08/addressing/none';

/** True when a reply address means "answer on this HTTP exchange" (absent or anonymous). */
export function isAnonymousAddress(address: string | undefined): boolean {
  const value = address?.trim();
  return value === undefined || value === '' || value === WSA_ANONYMOUS;
}

/** A fresh wsa:MessageID (`urn:uuid:…`). */
export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

/** Sender fault for a wsa:Action this endpoint does not serve (WS-Addressing 1.0 SOAP Binding §6.4.4). */
export function actionNotSupportedFault(action: string | undefined, relatesTo?: string): SoapFaultSpec {
  return {
    code: 'Sender',
    subcode: 'wsa:ActionNotSupported',
    reason: action ? `The action ${action} is not supported at this endpoint.` : 'The request has no wsa:Action header.',
    relatesTo,
  };
}

/** Sender fault for a missing required addressing header (WS-Addressing 1.0 SOAP Binding §6.4.3). */
export function addressingHeaderRequiredFault(header: 'Action' | 'MessageID', relatesTo?: string): SoapFaultSpec {
  return {
    code: 'Sender',
    subcode: 'wsa:MessageAddressingHeaderRequired',
    reason: `The required WS-Addressing header wsa:${header} is missing.`,
    relatesTo,
  };
}

/**
 * Sender fault for a non-anonymous wsa:ReplyTo/FaultTo (WS-Addressing 1.0 SOAP Binding §6.4.1.5): this
 * gateway answers on the same HTTP exchange and never sends patient data to an address the request names.
 */
export function onlyAnonymousAddressSupportedFault(header: 'ReplyTo' | 'FaultTo', relatesTo?: string): SoapFaultSpec {
  return {
    code: 'Sender',
    subcode: 'wsa:OnlyAnonymousAddressSupported',
    reason: `wsa:${header} must be the anonymous address: responses are returned on the same HTTP connection.`,
    relatesTo,
  };
}
