import { BinaryPart, Requester, SoapExchange, SoapReply, Transaction } from '@gpb/contracts';
import {
  IHE_ACTIONS,
  MimePart,
  SOAP_FAULT_ACTION,
  SoapFaultSpec,
  SoapRequestHeader,
  actionNotSupportedFault,
  addressingHeaderRequiredFault,
  buildSoapFault,
  buildSoapResponse,
  WSA_NONE,
  faultHttpStatus,
  isAnonymousAddress,
  mustUnderstandFault,
  newMessageId,
  onlyAnonymousAddressSupportedFault,
  readSoapRequest,
  transactionForAction,
} from '@gpb/ihe';
import { ServiceRuntime } from '@gpb/runtime';
import { serializeXml } from '@gpb/xml';
import { SoapIngressConfig } from '../config';
import { AssertionVerifier } from '../security/assertion-verifier';
import { requesterFromSecurity } from '../security/saml-requester';
import { TransactionHandler } from './transaction-handler';

/**
 * Reads one SOAP exchange from the gateway and answers it: SOAP/WS-Addressing problems become SOAP
 * faults here; everything well-formed goes to the transaction's handler, which answers in business terms.
 */
export class SoapExchangeHandler {
  private readonly verifier?: AssertionVerifier;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly config: SoapIngressConfig,
    private readonly handlers: Readonly<Record<Transaction, TransactionHandler>>,
  ) {
    if (config.xua) this.verifier = new AssertionVerifier(config.xua);
  }

  async handle(exchange: SoapExchange): Promise<SoapReply> {
    const envelope = await this.runtime.blobs.unwrap(exchange.envelope);
    if (envelope === null) return this.fault({ code: 'Receiver', subcode: 'RequestExpired', reason: 'The request body expired before it could be read; send it again.' });
    if (Buffer.byteLength(envelope, 'utf8') > this.config.maxEnvelopeBytes) {
      return this.fault({ code: 'Sender', subcode: 'MessageTooLarge', reason: `The SOAP envelope is larger than ${this.config.maxEnvelopeBytes} bytes.` });
    }
    const request = readSoapRequest(envelope);
    if (!request.ok) return this.fault(request.fault);
    const { header } = request;
    const notUnderstood = mustUnderstandFault(header.notUnderstood, header.messageId);
    if (notUnderstood) return this.fault(notUnderstood);
    if (!header.action) return this.fault(addressingHeaderRequiredFault('Action', header.messageId));
    if (transactionForAction(header.action) !== exchange.transaction) return this.fault(actionNotSupportedFault(header.action, header.messageId));
    if (!header.messageId) return this.fault(addressingHeaderRequiredFault('MessageID', header.messageId));
    // wsa:none means "no reply wanted"; anything but anonymous asks for an asynchronous reply we do not send.
    if (!isAnonymousAddress(header.replyTo) && header.replyTo !== WSA_NONE) return this.fault(onlyAnonymousAddressSupportedFault('ReplyTo', header.messageId));
    if (!isAnonymousAddress(header.faultTo) && header.faultTo !== WSA_NONE) return this.fault(onlyAnonymousAddressSupportedFault('FaultTo', header.messageId));

    const attachments = await this.readAttachments(exchange.attachments);
    if (!attachments) return this.fault({ code: 'Receiver', subcode: 'RequestExpired', reason: 'An MTOM part expired before it could be read; send the request again.' });
    const identity = this.identify(exchange, envelope, header.security);
    if (!identity.ok) return this.fault({ ...identity.fault, relatesTo: header.messageId });
    const { requester } = identity;
    const answer = await this.handlers[exchange.transaction].handle({
      transaction: exchange.transaction,
      request,
      attachments,
      ...(requester ? { requester } : {}),
    });
    const action = IHE_ACTIONS[exchange.transaction].response;
    const xml = serializeXml(buildSoapResponse({ action, messageId: newMessageId(), relatesTo: header.messageId }, answer.body), { declaration: true });
    return { httpStatus: 200, envelope: await this.runtime.blobs.wrap(xml), attachments: answer.attachments ?? [], action };
  }

  /**
   * Who is asking. With a trust store configured, an assertion is verified whenever one is sent and
   * required for the configured transactions; without one, the assertion's attributes are only read.
   */
  private identify(exchange: SoapExchange, envelope: string, security: SoapRequestHeader['security']): { ok: true; requester?: Requester } | { ok: false; fault: SoapFaultSpec } {
    const xua = this.config.xua;
    if (!this.verifier || !xua) {
      const requester = requesterFromSecurity(security);
      return { ok: true, ...(requester ? { requester } : {}) };
    }
    const required = xua.requiredFor.includes(exchange.transaction);
    if (!required && requesterFromSecurity(security) === undefined) return { ok: true };
    const verdict = this.verifier.verify(envelope, security, [`urn:oid:${this.config.homeCommunityId}`, this.config.homeCommunityId, exchange.endpoint]);
    if (!verdict.ok) this.runtime.logger.warn('SAML assertion refused', { transaction: exchange.transaction, subcode: verdict.fault.subcode });
    return verdict;
  }

  private async readAttachments(parts: readonly BinaryPart[]): Promise<ReadonlyMap<string, MimePart> | undefined> {
    const map = new Map<string, MimePart>();
    for (const part of parts) {
      const text = await this.runtime.blobs.unwrap(part.body);
      if (text === null) return undefined;
      map.set(part.contentId, { contentType: part.contentType, content: Buffer.from(text, part.encoding) });
    }
    return map;
  }

  private async fault(spec: SoapFaultSpec): Promise<SoapReply> {
    this.runtime.logger.info('answered with a SOAP fault', { code: spec.code, subcode: spec.subcode });
    const xml = serializeXml(buildSoapFault(spec), { declaration: true });
    return { httpStatus: faultHttpStatus(spec.code), envelope: await this.runtime.blobs.wrap(xml), attachments: [], action: SOAP_FAULT_ACTION };
  }
}
