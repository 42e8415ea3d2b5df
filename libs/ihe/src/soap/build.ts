import { XmlElement, el } from '@gpb/xml';
import { SOAP_FAULT_ACTION } from '../actions';
import { NS, xmlns } from '../namespaces';
import { newMessageId } from '../wsa/addressing';
import { SoapFaultCode, SoapFaultSpec } from './types';

/** WS-Addressing headers of a response (or of an asynchronous response POSTed to wsa:ReplyTo). */
export interface SoapResponseAddressing {
  readonly action: string;
  /** The request's wsa:MessageID; omitted only when the request had none. */
  readonly relatesTo?: string;
  readonly messageId: string;
  /** wsa:To, for asynchronous responses sent to the request's wsa:ReplyTo. */
  readonly to?: string;
}

/** A SOAP 1.2 envelope around `body`, with WS-Addressing 2005/08 response headers. */
export function buildSoapResponse(addressing: SoapResponseAddressing, body: XmlElement): XmlElement {
  return el(
    'env:Envelope',
    xmlns('env', 'wsa'),
    el(
      'env:Header',
      null,
      el('wsa:Action', { 'env:mustUnderstand': '1' }, addressing.action),
      el('wsa:MessageID', null, addressing.messageId),
      addressing.relatesTo !== undefined && el('wsa:RelatesTo', null, addressing.relatesTo),
      addressing.to !== undefined && el('wsa:To', { 'env:mustUnderstand': '1' }, addressing.to),
    ),
    el('env:Body', null, body),
  );
}

/** A SOAP 1.2 env:Fault envelope (SOAP 1.2 Part 1 §5.4), with the WS-Addressing fault action. */
export function buildSoapFault(fault: SoapFaultSpec): XmlElement {
  const subcode = fault.subcode === undefined ? undefined : subcodeQName(fault.subcode);
  return el(
    'env:Envelope',
    {
      ...xmlns('env', 'wsa'),
      'xmlns:gpb': subcode?.prefix === 'gpb' ? NS.gpbFault : undefined,
      'xmlns:wsse': subcode?.prefix === 'wsse' ? NS.wsse : undefined,
    },
    el(
      'env:Header',
      null,
      el('wsa:Action', { 'env:mustUnderstand': '1' }, SOAP_FAULT_ACTION),
      el('wsa:MessageID', null, fault.messageId ?? newMessageId()),
      fault.relatesTo !== undefined && el('wsa:RelatesTo', null, fault.relatesTo),
      (fault.notUnderstood ?? []).map((name) => el('env:NotUnderstood', { 'xmlns:nu': name.ns, qname: `nu:${name.local}` })),
    ),
    el(
      'env:Body',
      null,
      el(
        'env:Fault',
        null,
        el(
          'env:Code',
          null,
          el('env:Value', null, `env:${fault.code}`),
          subcode && el('env:Subcode', null, el('env:Value', null, `${subcode.prefix}:${subcode.local}`)),
        ),
        el('env:Reason', null, el('env:Text', { 'xml:lang': 'en' }, fault.reason)),
      ),
    ),
  );
}

/** HTTP status for a fault (SOAP 1.2 Part 2 §7.5.2.2: env:Sender → 400, every other fault → 500). */
export function faultHttpStatus(code: SoapFaultCode): 400 | 500 {
  return code === 'Sender' ? 400 : 500;
}

/** `wsa:` and `wsse:` subcodes are WS-Addressing and WS-Security fault codes; any other lives in our namespace. */
function subcodeQName(subcode: string): { prefix: 'wsa' | 'wsse' | 'gpb'; local: string } {
  const colon = subcode.indexOf(':');
  const prefix = colon < 0 ? '' : subcode.slice(0, colon);
  const local = sanitizeLocalName(colon < 0 ? subcode : subcode.slice(colon + 1));
  return { prefix: prefix === 'wsa' || prefix === 'wsse' ? prefix : 'gpb', local };
}

/** A subcode must be a valid NCName; anything else is folded so the fault stays schema-valid. */
function sanitizeLocalName(local: string): string {
  const cleaned = local.replace(/[^A-Za-z0-9._-]/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
