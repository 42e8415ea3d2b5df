import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { Requester } from '@gpb/contracts';
import type { SoapFaultSpec } from '@gpb/ihe';
import { ParsedElement, attribute, findChild, findChildren, findDescendants, parseXml, textContent } from '@gpb/xml';
import { requesterFromSecurity } from './saml-requester';
import { TrustSettings } from './trust-settings';

const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

export type Verification = { readonly ok: true; readonly requester?: Requester } | { readonly ok: false; readonly fault: SoapFaultSpec };

const refuse = (subcode: 'InvalidSecurity' | 'FailedAuthentication' | 'MessageExpired', reason: string): Verification => ({
  ok: false,
  fault: { code: 'Sender', subcode: `wsse:${subcode}`, reason },
});

/**
 * IHE XUA: the SAML 2.0 assertion in wsse:Security must be signed by a trusted identity provider,
 * be within its validity window, name us as audience and come from an accepted issuer. Identity is
 * read only from the bytes the signature covers (xml-crypto's signed references), never from the
 * document around them, so a wrapped or moved assertion cannot pass.
 */
export class AssertionVerifier {
  constructor(
    private readonly settings: TrustSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `envelopeXml` has already passed the hostile-input-safe parser; `audiences` adds the endpoint's own names. */
  verify(envelopeXml: string, security: ParsedElement | undefined, ownAudiences: readonly string[]): Verification {
    const assertions = security ? findDescendants(security, SAML2, 'Assertion') : [];
    if (assertions.length === 0) return refuse('InvalidSecurity', 'A signed SAML 2.0 assertion (IHE XUA) is required in wsse:Security.');
    if (assertions.length > 1) return refuse('InvalidSecurity', 'wsse:Security must carry exactly one SAML assertion.');
    if (!findChild(assertions[0], DSIG, 'Signature')) return refuse('InvalidSecurity', 'The SAML assertion is not signed.');

    const signed = this.signedAssertion(envelopeXml);
    if (!signed.ok) return signed.verdict;
    const assertion = signed.assertion;

    const conditions = findChild(assertion, SAML2, 'Conditions');
    const skewMs = this.settings.clockSkewSeconds * 1000;
    const now = this.now().getTime();
    const notBefore = Date.parse(attribute(conditions, 'NotBefore') ?? '');
    const notOnOrAfter = Date.parse(attribute(conditions, 'NotOnOrAfter') ?? '');
    if (!Number.isNaN(notBefore) && now + skewMs < notBefore) return refuse('MessageExpired', 'The SAML assertion is not valid yet (Conditions/@NotBefore).');
    if (Number.isNaN(notOnOrAfter) || now - skewMs >= notOnOrAfter) return refuse('MessageExpired', 'The SAML assertion has expired or has no Conditions/@NotOnOrAfter.');

    const accepted = this.settings.audiences.length ? this.settings.audiences : ownAudiences;
    const audiences = findChildren(conditions, SAML2, 'AudienceRestriction').flatMap((restriction) => findChildren(restriction, SAML2, 'Audience').map((item) => textContent(item)));
    if (!audiences.some((audience) => accepted.includes(audience))) return refuse('FailedAuthentication', 'The SAML assertion is addressed to another audience.');

    const issuer = textContent(findChild(assertion, SAML2, 'Issuer'));
    if (this.settings.issuers.length && !this.settings.issuers.includes(issuer)) return refuse('FailedAuthentication', 'The SAML assertion comes from an issuer this gateway does not accept.');

    const requester = requesterFromSecurity(assertion);
    return { ok: true, ...(requester ? { requester } : {}) };
  }

  private signedAssertion(envelopeXml: string): { ok: true; assertion: ParsedElement } | { ok: false; verdict: Verification } {
    const invalid = (reason: string) => ({ ok: false as const, verdict: refuse('InvalidSecurity', reason) });
    try {
      const document = new DOMParser().parseFromString(envelopeXml, 'text/xml');
      const assertion = document.getElementsByTagNameNS(SAML2, 'Assertion')[0];
      const signature = assertion ? Array.from(assertion.childNodes).find((node) => isElementNamed(node, DSIG, 'Signature')) : undefined;
      if (!signature) return invalid('The SAML assertion is not signed.');
      const certificate = this.trustedCertificate(signature as unknown as DomElement);
      if (!certificate) return invalid('The SAML assertion is not signed by a trusted identity provider.');
      const verifier = new SignedXml({ publicCert: certificate.toString(), getCertFromKeyInfo: () => null });
      verifier.loadSignature(signature);
      if (!verifier.checkSignature(envelopeXml)) return invalid('The SAML assertion signature does not verify.');
      const references = verifier.getSignedReferences();
      if (references.length !== 1) return invalid('The assertion signature must cover exactly the assertion.');
      const covered = parseXml(references[0] ?? '', { maxBytes: 256 * 1024 });
      if (covered.ns !== SAML2 || covered.local !== 'Assertion') return invalid('The assertion signature does not cover the assertion.');
      return { ok: true, assertion: covered };
    } catch {
      // xml-crypto throws on a reference it cannot resolve or digest: a tampered or wrapped assertion.
      return invalid('The SAML assertion signature does not verify.');
    }
  }

  /** The trusted certificate that KeyInfo names, by exact DER equality; never a key only the message vouches for. */
  private trustedCertificate(signature: DomElement): X509Certificate | undefined {
    const encoded = signature.getElementsByTagNameNS(DSIG, 'X509Certificate')[0]?.textContent?.replace(/\s+/g, '');
    if (!encoded) return undefined;
    let presented: X509Certificate;
    try {
      presented = new X509Certificate(Buffer.from(encoded, 'base64'));
    } catch {
      return undefined;
    }
    return this.settings.trustedCertificates.find((trusted) => trusted.raw.equals(presented.raw));
  }
}

/** The little of the DOM this module touches (the project compiles without the DOM lib). */
interface DomElement {
  getElementsByTagNameNS(ns: string, local: string): ArrayLike<{ textContent: string | null }>;
}

function isElementNamed(node: unknown, ns: string, local: string): boolean {
  const candidate = node as { namespaceURI?: string | null; localName?: string | null };
  return candidate.namespaceURI === ns && candidate.localName === local;
}
