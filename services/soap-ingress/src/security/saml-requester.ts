import { Requester } from '@gpb/contracts';
import { ParsedElement, attribute, childElements, findChildren, findDescendants, parseXml, textContent } from '@gpb/xml';

const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';
const HL7 = 'urn:hl7-org:v3';

/** The XSPA / NHIN attribute names an IHE XUA assertion carries. */
export const XuaAttributes = {
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  organization: 'urn:oasis:names:tc:xspa:1.0:subject:organization',
  organizationId: 'urn:oasis:names:tc:xspa:1.0:subject:organization-id',
  homeCommunityId: 'urn:nhin:names:saml:homeCommunityId',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  purposeOfUse: 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
  resourceId: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
} as const;

/** Reads who is asking from the first SAML 2.0 assertion in wsse:Security, if any. Signature checks are separate. */
export function requesterFromSecurity(security: ParsedElement | undefined): Requester | undefined {
  if (!security) return undefined;
  const assertion = security.ns === SAML2 && security.local === 'Assertion' ? security : findDescendants(security, SAML2, 'Assertion')[0];
  if (!assertion) return undefined;
  const values = new Map<string, ParsedElement[]>();
  for (const statement of findDescendants(assertion, SAML2, 'AttributeStatement')) {
    for (const attr of findChildren(statement, SAML2, 'Attribute')) {
      const name = attribute(attr, 'Name');
      if (name) values.set(name, findChildren(attr, SAML2, 'AttributeValue'));
    }
  }
  const text = (name: string) => {
    const value = values.get(name)?.[0];
    const content = textContent(value);
    return content === '' ? undefined : content;
  };
  const coded = (name: string) => {
    const value = values.get(name)?.[0];
    const concept = value ? codedConcept(value) : undefined;
    const code = attribute(concept, 'code');
    if (!code) return undefined;
    return { code, system: attribute(concept, 'codeSystem'), display: attribute(concept, 'displayName') };
  };
  const subjectName = textContent(findDescendants(assertion, SAML2, 'NameID')[0]);
  return {
    subjectId: text(XuaAttributes.subjectId),
    subjectName: subjectName === '' ? undefined : subjectName,
    organization: text(XuaAttributes.organization),
    organizationId: text(XuaAttributes.organizationId),
    homeCommunityId: text(XuaAttributes.homeCommunityId),
    role: coded(XuaAttributes.role),
    purposeOfUse: coded(XuaAttributes.purposeOfUse),
  };
}

/**
 * The hl7:Role / PurposeOfUse element of an attribute value. Some gateways send it escaped as text
 * rather than as XML; that text is parsed with the same hostile-input limits.
 */
function codedConcept(value: ParsedElement): ParsedElement | undefined {
  const element = childElements(value)[0];
  if (element) return element.ns === HL7 ? element : findDescendants(element, HL7, 'Role')[0] ?? element;
  const text = textContent(value);
  if (!text.startsWith('<')) return undefined;
  try {
    return parseXml(text, { maxBytes: 4096, maxDepth: 4, maxNodes: 20 });
  } catch {
    return undefined;
  }
}
