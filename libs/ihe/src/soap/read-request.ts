import { ParsedElement, XmlLimits, XmlParseError, attribute, childElements, findChild, parseXml, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { QName, SoapFaultSpec, SoapReadResult } from './types';

const ROLE_NONE = 'http://www.w3.org/2003/05/soap-envelope/role/none';
const ROLES_FOR_US = new Set(['', 'http://www.w3.org/2003/05/soap-envelope/role/next', 'http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver']);

type ReadFault = Extract<SoapReadResult, { ok: false }>['fault'];

/** Reads a SOAP 1.2 request envelope; bad input yields the fault to answer with, never an exception. */
export function readSoapRequest(input: Buffer | string, limits?: Partial<XmlLimits>): SoapReadResult {
  let envelope: ParsedElement;
  try {
    envelope = parseXml(stripBom(input), limits);
  } catch (error) {
    return { ok: false, fault: parseFault(error) };
  }

  if (envelope.local !== 'Envelope') {
    return sender('NotSoapEnvelope', `The message is not a SOAP envelope (root element is ${envelope.local}).`);
  }
  if (envelope.ns === NS.soap11) {
    return { ok: false, fault: { code: 'VersionMismatch', reason: 'SOAP 1.1 is not supported; send a SOAP 1.2 envelope (http://www.w3.org/2003/05/soap-envelope).' } };
  }
  if (envelope.ns !== NS.soap12) {
    return { ok: false, fault: { code: 'VersionMismatch', reason: `Unknown envelope namespace "${envelope.ns}"; send a SOAP 1.2 envelope.` } };
  }

  const headerElement = findChild(envelope, NS.soap12, 'Header');
  const bodyElement = findChild(envelope, NS.soap12, 'Body');
  if (!bodyElement) return sender('MissingBody', 'The SOAP envelope has no env:Body.');
  const body = childElements(bodyElement)[0];
  if (!body) return sender('EmptyBody', 'The SOAP body is empty.');

  const blocks = headerElement ? childElements(headerElement) : [];
  const wsa = (local: string) => blocks.find((block) => block.ns === NS.wsa && block.local === local);
  const address = (block: ParsedElement | undefined) => optionalText(findChild(block, NS.wsa, 'Address'));
  const security = blocks.find((block) => block.ns === NS.wsse && block.local === 'Security');

  return {
    ok: true,
    envelope,
    body,
    header: {
      action: optionalText(wsa('Action')),
      messageId: optionalText(wsa('MessageID')),
      replyTo: address(wsa('ReplyTo')),
      faultTo: address(wsa('FaultTo')),
      to: optionalText(wsa('To')),
      notUnderstood: blocks.filter(mustBeUnderstood).filter((block) => !understood(block)).map(qname),
      security,
    },
  };
}

/** The MustUnderstand fault for header blocks we cannot process, or undefined when there are none. */
export function mustUnderstandFault(notUnderstood: readonly QName[], relatesTo?: string): SoapFaultSpec | undefined {
  if (notUnderstood.length === 0) return undefined;
  const names = notUnderstood.map((name) => `{${name.ns}}${name.local}`).join(', ');
  return { code: 'MustUnderstand', reason: `Header block(s) not understood: ${names}.`, relatesTo, notUnderstood };
}

function mustBeUnderstood(block: ParsedElement): boolean {
  const role = attribute(block, 'role', NS.soap12)?.trim() ?? '';
  if (role === ROLE_NONE || !ROLES_FOR_US.has(role)) return false;
  const flag = attribute(block, 'mustUnderstand', NS.soap12)?.trim();
  return flag === '1' || flag === 'true';
}

function understood(block: ParsedElement): boolean {
  return block.ns === NS.wsa || (block.ns === NS.wsse && block.local === 'Security');
}

function qname(block: ParsedElement): QName {
  return { ns: block.ns, local: block.local };
}

function optionalText(element: ParsedElement | undefined): string | undefined {
  if (!element) return undefined;
  const text = textContent(element);
  return text === '' ? undefined : text;
}

function stripBom(input: Buffer | string): Buffer | string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
}

function sender(subcode: string, reason: string): SoapReadResult {
  return { ok: false, fault: { code: 'Sender', subcode, reason } };
}

const PARSE_SUBCODES: Record<XmlParseError['reason'], string> = {
  'not-well-formed': 'NotWellFormed',
  'dtd-forbidden': 'DtdForbidden',
  'too-large': 'MessageTooLarge',
  'too-deep': 'LimitExceeded',
  'too-many-attributes': 'LimitExceeded',
  'too-many-nodes': 'LimitExceeded',
  empty: 'NotWellFormed',
};

function parseFault(error: unknown): ReadFault {
  if (error instanceof XmlParseError) {
    return { code: 'Sender', subcode: PARSE_SUBCODES[error.reason], reason: `The message is not acceptable XML: ${error.message}.` };
  }
  return { code: 'Sender', subcode: 'NotWellFormed', reason: 'The message could not be read as XML.' };
}
