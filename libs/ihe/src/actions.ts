import type { Transaction } from '@gpb/contracts';

/** The four IHE transactions this gateway answers. */
export type IheTransaction = Transaction;

export interface TransactionActions {
  readonly request: string;
  readonly response: string;
}

/** WS-Addressing actions per transaction (ITI TF-2b 3.38.5, 3.39.5; TF-2b 3.55.6; TF-2b 3.47.4.1.2). */
export const IHE_ACTIONS = {
  iti55: {
    request: 'urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery',
    response: 'urn:hl7-org:v3:PRPA_IN201306UV02:CrossGatewayPatientDiscovery',
  },
  iti47: { request: 'urn:hl7-org:v3:PRPA_IN201305UV02', response: 'urn:hl7-org:v3:PRPA_IN201306UV02' },
  iti38: { request: 'urn:ihe:iti:2007:CrossGatewayQuery', response: 'urn:ihe:iti:2007:CrossGatewayQueryResponse' },
  iti39: { request: 'urn:ihe:iti:2007:CrossGatewayRetrieve', response: 'urn:ihe:iti:2007:CrossGatewayRetrieveResponse' },
} as const satisfies Record<IheTransaction, TransactionActions>;

/** WS-Addressing action of a SOAP fault (WS-Addressing 1.0 SOAP Binding §6). */
export const SOAP_FAULT_ACTION = 'http://www.w3.org/2005/08/addressing/soap/fault';

/** The transaction whose request carries this wsa:Action, if any. */
export function transactionForAction(action: string | undefined): IheTransaction | undefined {
  if (action === undefined) return undefined;
  const trimmed = action.trim();
  for (const transaction of Object.keys(IHE_ACTIONS) as IheTransaction[]) {
    if (IHE_ACTIONS[transaction].request === trimmed) return transaction;
  }
  return undefined;
}
