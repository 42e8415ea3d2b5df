import { ParsedElement, XmlElement, childElements, el, findChild, parseXml, serializeXml, toXmlElement } from '@gpb/xml';
import { SCHEMAS, SchemaTarget, XsdResult, validateXsd } from './xsd';

const SOAP_ENV = 'http://www.w3.org/2003/05/soap-envelope';

/** The payload a response body must validate against, per transaction. */
export const BODY_SCHEMAS = {
  iti55: SCHEMAS.hl7v3Response,
  iti47: SCHEMAS.hl7v3Response,
  iti38: SCHEMAS.ebxmlQuery,
  iti39: SCHEMAS.xdsRepository,
} as const satisfies Record<string, SchemaTarget>;

/**
 * Validates a SOAP 1.2 response: the envelope against the SOAP schema, then the body's payload
 * (or the fault) on its own against the transaction's schema. Errors of both are returned together.
 */
export async function validateSoapMessage(envelopeXml: string, bodySchema?: SchemaTarget, attachments: ReadonlyMap<string, Buffer> = new Map()): Promise<XsdResult> {
  const root = parseXml(envelopeXml);
  const body = findChild(root, SOAP_ENV, 'Body');
  const payload = body ? childElements(body)[0] : undefined;
  const envelope = await validateXsd(SCHEMAS.soap, serializeXml(withPlaceholderBody(root), { declaration: true }));
  const errors = envelope.errors.map((error) => `envelope: ${error}`);
  if (!payload) errors.push('the SOAP Body is empty');
  else if (bodySchema && !(payload.ns === SOAP_ENV && payload.local === 'Fault')) {
    const result = await validateXsd(bodySchema, serializeXml(resolveXop(toXmlElement(payload), attachments), { declaration: true }));
    errors.push(...result.errors.map((error) => `body: ${error}`));
  }
  return { valid: errors.length === 0, errors };
}

/** The XOP infoset: each `xop:Include` replaced by its attachment in base64, as XOP says a receiver sees it. */
function resolveXop(element: XmlElement, attachments: ReadonlyMap<string, Buffer>): XmlElement {
  return {
    ...element,
    children: element.children.map((child) => {
      if (typeof child === 'string') return child;
      const href = child.attrs['href'];
      if (/(^|:)Include$/.test(child.name) && typeof href === 'string' && href.startsWith('cid:')) {
        const contentId = decodeURIComponent(href.slice(4));
        return (attachments.get(contentId) ?? Buffer.alloc(0)).toString('base64');
      }
      return resolveXop(child, attachments);
    }),
  };
}

/**
 * The envelope with its payload swapped for a placeholder: the SOAP schema validates the Body's
 * content laxly, which would drag the payload's own types in; the payload is validated on its own.
 */
function withPlaceholderBody(root: ParsedElement): XmlElement {
  const envelope = toXmlElement(root);
  return {
    ...envelope,
    children: envelope.children.map((child) =>
      typeof child !== 'string' && child.name.endsWith('Body') ? { ...child, children: [el('gpb:Payload', { 'xmlns:gpb': 'urn:gpb:placeholder' })] } : child,
    ),
  };
}
