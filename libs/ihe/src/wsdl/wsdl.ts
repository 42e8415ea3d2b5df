import { XmlElement, el, serializeXml } from '@gpb/xml';
import { IHE_ACTIONS, IheTransaction } from '../actions';
import { NS } from '../namespaces';

interface PayloadElement {
  readonly prefix: string;
  readonly ns: string;
  readonly local: string;
}

interface WsdlSpec {
  readonly definitionsName: string;
  readonly documentation: string;
  readonly targetNamespace: string;
  readonly prefix: string;
  readonly portType: string;
  readonly binding: string;
  readonly service: string;
  readonly port: string;
  readonly operation: string;
  readonly partName: string;
  readonly input: { readonly message: string; readonly element: PayloadElement };
  readonly output: { readonly message: string; readonly element: PayloadElement };
}

const HL7 = (local: string): PayloadElement => ({ prefix: 'hl7', ns: NS.hl7, local });
const QUERY = (local: string): PayloadElement => ({ prefix: 'query', ns: NS.query, local });
const XDSB = (local: string): PayloadElement => ({ prefix: 'xdsb', ns: NS.xdsb, local });

/** Names follow the IHE reference WSDLs (ITI TF-2 Appendix V and the published iti38/39/47/55 WSDLs). */
const SPECS: Record<IheTransaction, WsdlSpec> = {
  iti55: {
    definitionsName: 'RespondingGateway',
    documentation: 'IHE Cross-Community Patient Discovery Responding Gateway = ITI-55',
    targetNamespace: NS.xcpd,
    prefix: 'xcpd',
    portType: 'RespondingGateway_PortType',
    binding: 'RespondingGateway_Binding_Soap12',
    service: 'RespondingGateway_Service',
    port: 'RespondingGateway_Port_Soap12',
    operation: 'RespondingGateway_PRPA_IN201305UV02',
    partName: 'Body',
    input: { message: 'PRPA_IN201305UV02_Message', element: HL7('PRPA_IN201305UV02') },
    output: { message: 'PRPA_IN201306UV02_Message', element: HL7('PRPA_IN201306UV02') },
  },
  iti47: {
    definitionsName: 'PDSupplier',
    documentation: 'IHE PDQ v3 Supplier = ITI-47 adaptor = PDQ Query v3',
    targetNamespace: NS.pdqv3,
    prefix: 'ihe',
    portType: 'PDSupplier_PortType',
    binding: 'PDSupplier_Binding_Soap12',
    service: 'PDSupplier_Service',
    port: 'PDSupplier_Port_Soap12',
    operation: 'PDSupplier_PRPA_IN201305UV02',
    partName: 'Body',
    input: { message: 'PRPA_IN201305UV02_Message', element: HL7('PRPA_IN201305UV02') },
    output: { message: 'PRPA_IN201306UV02_Message', element: HL7('PRPA_IN201306UV02') },
  },
  iti38: {
    definitionsName: 'RespondingGateway',
    documentation: 'IHE XCA Responding Gateway = ITI-38 adaptor = Cross-Gateway Query',
    targetNamespace: NS.xdsb,
    prefix: 'ihe',
    portType: 'RespondingGateway_PortType',
    binding: 'RespondingGateway_Binding_Soap12',
    service: 'RespondingGateway_Service',
    port: 'RespondingGateway_Port_Soap12',
    operation: 'RespondingGateway_CrossGatewayQuery',
    partName: 'body',
    input: { message: 'CrossGatewayQuery_Message', element: QUERY('AdhocQueryRequest') },
    output: { message: 'CrossGatewayQueryResponse_Message', element: QUERY('AdhocQueryResponse') },
  },
  iti39: {
    definitionsName: 'RespondingGateway',
    documentation: 'IHE XCA Responding Gateway = ITI-39 adaptor = Cross-Gateway Retrieve',
    targetNamespace: NS.xdsb,
    prefix: 'ihe',
    portType: 'RespondingGateway_PortType',
    binding: 'RespondingGateway_Binding_Soap12',
    service: 'RespondingGateway_Service',
    port: 'RespondingGateway_Port_Soap12',
    operation: 'RespondingGateway_CrossGatewayRetrieve',
    partName: 'body',
    input: { message: 'CrossGatewayRetrieve_Message', element: XDSB('RetrieveDocumentSetRequest') },
    output: { message: 'CrossGatewayRetrieveResponse_Message', element: XDSB('RetrieveDocumentSetResponse') },
  },
};

/** The WSDL 1.1 (SOAP 1.2 binding, WS-Addressing actions) of one transaction's endpoint, as XML text. */
export function buildWsdl(transaction: IheTransaction, endpointUrl: string): string {
  return serializeXml(buildWsdlTree(transaction, endpointUrl), { declaration: true });
}

/** The WSDL as a typed tree. */
export function buildWsdlTree(transaction: IheTransaction, endpointUrl: string): XmlElement {
  const spec = SPECS[transaction];
  const actions = IHE_ACTIONS[transaction];
  const tns = (local: string) => `${spec.prefix}:${local}`;
  const payloads = [spec.input.element, spec.output.element];
  const payloadPrefixes: Record<string, string> = {};
  for (const payload of payloads) payloadPrefixes[`xmlns:${payload.prefix}`] = payload.ns;

  const message = (name: string, element: PayloadElement) =>
    el('wsdl:message', { name }, el('wsdl:part', { name: spec.partName, element: `${element.prefix}:${element.local}` }));
  const actionAttrs = (action: string) => ({ 'wsam:Action': action, 'wsaw:Action': action });
  const literalBody = (name: 'wsdl:input' | 'wsdl:output') => el(name, null, el('soap12:body', { use: 'literal' }));

  return el(
    'wsdl:definitions',
    {
      name: spec.definitionsName,
      targetNamespace: spec.targetNamespace,
      'xmlns:wsdl': NS.wsdl,
      'xmlns:soap12': NS.wsdlSoap12,
      'xmlns:xsd': NS.xsd,
      'xmlns:wsam': NS.wsam,
      'xmlns:wsaw': NS.wsaw,
      [`xmlns:${spec.prefix}`]: spec.targetNamespace,
      ...payloadPrefixes,
    },
    el('wsdl:documentation', null, spec.documentation),
    // The payloads are declared open (xsd:anyType) so that the WSDL is self-contained and loads in any
    // tool; the message schemas themselves are the IHE/HL7 ones, which the gateway validates against.
    el(
      'wsdl:types',
      null,
      el(
        'xsd:schema',
        { targetNamespace: spec.input.element.ns, elementFormDefault: 'qualified' },
        payloads.map((payload) => el('xsd:element', { name: payload.local, type: 'xsd:anyType' })),
      ),
    ),
    message(spec.input.message, spec.input.element),
    message(spec.output.message, spec.output.element),
    el(
      'wsdl:portType',
      { name: spec.portType },
      el(
        'wsdl:operation',
        { name: spec.operation },
        el('wsdl:input', { message: tns(spec.input.message), ...actionAttrs(actions.request) }),
        el('wsdl:output', { message: tns(spec.output.message), ...actionAttrs(actions.response) }),
      ),
    ),
    el(
      'wsdl:binding',
      { name: spec.binding, type: tns(spec.portType) },
      el('soap12:binding', { style: 'document', transport: 'http://schemas.xmlsoap.org/soap/http' }),
      el('wsaw:UsingAddressing', { 'wsdl:required': 'true' }),
      el(
        'wsdl:operation',
        { name: spec.operation },
        el('soap12:operation', { soapAction: actions.request, soapActionRequired: 'false' }),
        literalBody('wsdl:input'),
        literalBody('wsdl:output'),
      ),
    ),
    el(
      'wsdl:service',
      { name: spec.service },
      el('wsdl:port', { name: spec.port, binding: tns(spec.binding) }, el('soap12:address', { location: endpointUrl })),
    ),
  );
}
