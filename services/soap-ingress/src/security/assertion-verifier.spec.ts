import { readSoapRequest } from '@gpb/ihe';
import { AssertionVerifier } from './assertion-verifier';
import { assertionXml, envelopeWith, signAssertion, testIdp } from '@gpb/testing';
import { parseCertificates } from './trust-settings';

const OUR_AUDIENCE = 'urn:oid:2.16.840.1.113883.3.9999.1';
const trusted = testIdp('trusted-idp');
const other = testIdp('other-idp');
const verifier = new AssertionVerifier({
  trustedCertificates: parseCertificates(trusted.cert),
  audiences: [],
  issuers: ['https://idp.hospital.example'],
  clockSkewSeconds: 60,
  requiredFor: ['iti38', 'iti39'],
});

function verify(envelope: string) {
  const request = readSoapRequest(envelope);
  if (!request.ok) throw new Error(request.fault.reason);
  return verifier.verify(envelope, request.header.security, [OUR_AUDIENCE]);
}

const subcodeOf = (result: ReturnType<typeof verify>) => (result.ok ? 'ok' : result.fault.subcode);

describe('AssertionVerifier (IHE XUA)', () => {
  it('accepts an assertion signed by a trusted identity provider and reads who is asking from it', () => {
    const result = verify(envelopeWith(signAssertion(assertionXml(), trusted)));
    expect(result).toMatchObject({ ok: true, requester: { subjectId: 'Ada Example', organization: 'Example Hospital' } });
  });

  it.each([
    ['no assertion', () => envelopeWith(''), 'wsse:InvalidSecurity'],
    ['an unsigned assertion', () => envelopeWith(assertionXml()), 'wsse:InvalidSecurity'],
    ['a signature by an untrusted identity provider', () => envelopeWith(signAssertion(assertionXml(), other)), 'wsse:InvalidSecurity'],
    ['an attribute changed after signing', () => envelopeWith(signAssertion(assertionXml(), trusted).replace('Ada Example', 'Eve Intruder')), 'wsse:InvalidSecurity'],
    ['a second assertion beside the signed one', () => envelopeWith(assertionXml({ id: '_forged', subjectId: 'Eve Intruder' }) + signAssertion(assertionXml(), trusted)), 'wsse:InvalidSecurity'],
    [
      'a forged assertion with the signed one’s ID placed first in the header (signature wrapping)',
      () => {
        const signed = signAssertion(assertionXml(), trusted);
        const signature = /<Signature[\s\S]*<\/Signature>/.exec(signed)?.[0] ?? '';
        const forged = assertionXml({ subjectId: 'Eve Intruder' }).replace('</saml2:Issuer>', `</saml2:Issuer>${signature}`);
        return envelopeWith(forged, `<w:Wrapper xmlns:w="urn:wrap">${signed}</w:Wrapper>`);
      },
      'wsse:InvalidSecurity',
    ],
    ['an expired assertion', () => envelopeWith(signAssertion(assertionXml({ notOnOrAfter: new Date(Date.now() - 10 * 60_000), notBefore: new Date(Date.now() - 20 * 60_000) }), trusted)), 'wsse:MessageExpired'],
    ['an assertion not valid yet', () => envelopeWith(signAssertion(assertionXml({ notBefore: new Date(Date.now() + 10 * 60_000), notOnOrAfter: new Date(Date.now() + 20 * 60_000) }), trusted)), 'wsse:MessageExpired'],
    ['an assertion for another audience', () => envelopeWith(signAssertion(assertionXml({ audience: 'urn:oid:1.2.3.4.5' }), trusted)), 'wsse:FailedAuthentication'],
    ['an assertion from another issuer', () => envelopeWith(signAssertion(assertionXml({ issuer: 'https://idp.elsewhere.example' }), trusted)), 'wsse:FailedAuthentication'],
  ])('refuses %s', (_name, build, subcode) => {
    expect(subcodeOf(verify(build()))).toBe(subcode);
  });

  it('never puts assertion content into the fault reason', () => {
    const result = verify(envelopeWith(signAssertion(assertionXml(), trusted).replace('Ada Example', 'Eve Intruder')));
    expect(result.ok ? '' : result.fault.reason).not.toMatch(/Eve|Ada|Example Hospital/);
  });
});
