/** Namespace URIs and the prefixes we emit them with. Reading always matches on the URI, never the prefix. */
export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  xml: 'http://www.w3.org/XML/1998/namespace',
  hl7: 'urn:hl7-org:v3',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
  rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
  xdsb: 'urn:ihe:iti:xds-b:2007',
  xop: 'http://www.w3.org/2004/08/xop/include',
  xcpd: 'urn:ihe:iti:xcpd:2009',
  pdqv3: 'urn:ihe:iti:pdqv3:2007',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  wsdlSoap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wsaw: 'http://www.w3.org/2006/05/addressing/wsdl',
  /** Our own namespace for SOAP fault subcodes that no standard defines (e.g. `gpb:UnknownEndpoint`). */
  gpbFault: 'urn:gpbridge:soap:fault',
} as const;

/** `xmlns:<prefix>` declaration attributes, for spreading into a built element's attributes. */
export function xmlns(...prefixes: ReadonlyArray<keyof typeof PREFIXES>): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const prefix of prefixes) attrs[`xmlns:${prefix}`] = PREFIXES[prefix];
  return attrs;
}

/** The prefixes used in built messages. */
export const PREFIXES = {
  env: NS.soap12,
  wsa: NS.wsa,
  xsi: NS.xsi,
  query: NS.query,
  rim: NS.rim,
  rs: NS.rs,
  xdsb: NS.xdsb,
  xop: NS.xop,
  gpb: NS.gpbFault,
} as const;
