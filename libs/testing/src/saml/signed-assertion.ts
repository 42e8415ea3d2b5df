import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SignedXml } from 'xml-crypto';

/** Test-only: builds and signs XUA assertions the way an identity provider would. */
export type TestIdpName = 'trusted-idp' | 'other-idp';

export const testIdpCertificatePath = (name: TestIdpName): string => resolve(__dirname, `${name}.cert.pem`);

export const testIdp = (name: TestIdpName) => ({
  key: readFileSync(resolve(__dirname, `${name}.key.pem`), 'utf8'),
  cert: readFileSync(testIdpCertificatePath(name), 'utf8'),
});

export interface AssertionOptions {
  readonly id?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  readonly subjectId?: string;
}

const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';

export function assertionXml(options: AssertionOptions = {}): string {
  const now = Date.now();
  const notBefore = (options.notBefore ?? new Date(now - 60_000)).toISOString();
  const notOnOrAfter = (options.notOnOrAfter ?? new Date(now + 5 * 60_000)).toISOString();
  const attribute = (name: string, value: string) =>
    `<saml2:Attribute Name="${name}"><saml2:AttributeValue>${value}</saml2:AttributeValue></saml2:Attribute>`;
  return (
    `<saml2:Assertion xmlns:saml2="${SAML2}" ID="${options.id ?? '_a1b2c3'}" IssueInstant="${new Date(now).toISOString()}" Version="2.0">` +
    `<saml2:Issuer>${options.issuer ?? 'https://idp.hospital.example'}</saml2:Issuer>` +
    '<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">CN=Dr Ada Example</saml2:NameID></saml2:Subject>' +
    `<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml2:AudienceRestriction><saml2:Audience>${options.audience ?? 'urn:oid:2.16.840.1.113883.3.9999.1'}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    '<saml2:AttributeStatement>' +
    attribute('urn:oasis:names:tc:xspa:1.0:subject:subject-id', options.subjectId ?? 'Ada Example') +
    attribute('urn:oasis:names:tc:xspa:1.0:subject:organization', 'Example Hospital') +
    attribute('urn:oasis:names:tc:xspa:1.0:subject:organization-id', 'urn:oid:1.2.3.4') +
    '</saml2:AttributeStatement></saml2:Assertion>'
  );
}

/** Enveloped RSA-SHA256 signature over the assertion, exclusive c14n, certificate in KeyInfo. */
export function signAssertion(xml: string, idp: { key: string; cert: string }): string {
  const signer = new SignedXml({
    privateKey: idp.key,
    publicCert: idp.cert,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, { location: { reference: "//*[local-name(.)='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}

export function envelopeWith(securityContent: string, extraHeader = ''): string {
  return (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">' +
    '<env:Header><wsa:Action>urn:ihe:iti:2007:CrossGatewayQuery</wsa:Action><wsa:MessageID>urn:uuid:6c2f1d8e-2f1b-4a8e-9c55-0d9b8f2a1e33</wsa:MessageID>' +
    extraHeader +
    `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">${securityContent}</wsse:Security>` +
    '</env:Header><env:Body><x:Ping xmlns:x="urn:example"/></env:Body></env:Envelope>'
  );
}
