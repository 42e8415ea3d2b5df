import type { Response } from 'express';
import { BlobStore } from '@gpb/cache';
import { SoapReply } from '@gpb/contracts';
import { SoapFaultSpec, buildMtomMessage, buildSoapFault, faultHttpStatus } from '@gpb/ihe';
import { serializeXml } from '@gpb/xml';

const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=UTF-8';

/** Writes soap-ingress's reply: plain SOAP, or MTOM when it carries attachments. False if a part has expired. */
export async function sendSoapReply(reply: SoapReply, response: Response, blobs: BlobStore): Promise<boolean> {
  const envelope = await blobs.unwrap(reply.envelope);
  if (envelope === null) return false;
  const action = reply.action ? `; action="${reply.action}"` : '';
  if (reply.attachments.length === 0) {
    response.status(reply.httpStatus).type(`${SOAP_CONTENT_TYPE}${action}`).send(Buffer.from(envelope, 'utf8'));
    return true;
  }
  const attachments = [];
  for (const part of reply.attachments) {
    const text = await blobs.unwrap(part.body);
    if (text === null) return false;
    attachments.push({ contentId: part.contentId, contentType: part.contentType, content: Buffer.from(text, part.encoding) });
  }
  const message = buildMtomMessage(envelope, attachments, reply.action);
  response.status(reply.httpStatus).setHeader('Content-Type', message.contentType);
  response.send(message.body);
  return true;
}

/** A SOAP 1.2 fault the gateway itself decides on (transport-level problems). */
export function sendFault(response: Response, fault: SoapFaultSpec, status?: number): void {
  const xml = serializeXml(buildSoapFault(fault), { declaration: true });
  response.status(status ?? faultHttpStatus(fault.code)).type(SOAP_CONTENT_TYPE).send(Buffer.from(xml, 'utf8'));
}
