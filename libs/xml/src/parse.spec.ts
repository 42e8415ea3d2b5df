import { parseXml, XmlParseError } from './parse';
import { attribute, findPath, textContent } from './query';
import { el } from './element';
import { serializeXml } from './serialize';

const rejection = (input: string, limits = {}) => {
  try {
    parseXml(input, limits);
  } catch (error) {
    if (error instanceof XmlParseError) return error.reason;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('parseXml', () => {
  it('resolves namespaces whatever the prefix', () => {
    const doc = parseXml('<a:Envelope xmlns:a="urn:x"><a:Body><b:Q xmlns:b="urn:y" id="7">hi</b:Q></a:Body></a:Envelope>');
    const q = findPath(doc, ['urn:x', 'Body'], ['urn:y', 'Q']);
    expect(attribute(q, 'id')).toBe('7');
    expect(textContent(q)).toBe('hi');
  });

  it('refuses any DTD, so entity expansion and external entities never happen', () => {
    expect(rejection('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toBe('dtd-forbidden');
    expect(rejection('<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>')).toBe('dtd-forbidden');
  });

  it('rejects undeclared entities and malformed input', () => {
    expect(rejection('<x>&xxe;</x>')).toBe('not-well-formed');
    expect(rejection('not xml')).toBe('not-well-formed');
    expect(rejection('<a><b></a>')).toBe('not-well-formed');
    expect(rejection('')).toBe('not-well-formed');
  });

  it('enforces size, depth, attribute and node limits', () => {
    expect(rejection('<x>' + 'a'.repeat(100) + '</x>', { maxBytes: 50 })).toBe('too-large');
    expect(rejection('<a>'.repeat(70) + '</a>'.repeat(70))).toBe('too-deep');
    const attrs = Array.from({ length: 70 }, (_, i) => `a${i}="1"`).join(' ');
    expect(rejection(`<x ${attrs}/>`)).toBe('too-many-attributes');
    expect(rejection('<x>' + '<y/>'.repeat(20) + '</x>', { maxNodes: 10 })).toBe('too-many-nodes');
  });
});

describe('serializeXml', () => {
  it('escapes text and attributes and round-trips through the parser', () => {
    const xml = serializeXml(el('r', { a: 'x"<&>\n', skip: undefined }, 'a < b & c', el('e')));
    expect(xml).toBe('<r a="x&quot;&lt;&amp;&gt;&#10;">a &lt; b &amp; c<e/></r>');
    const parsed = parseXml(xml);
    expect(attribute(parsed, 'a')).toBe('x"<&>\n');
    expect(textContent(parsed)).toBe('a < b & c');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(serializeXml(el('r', null, 'a\u0001b'))).toBe('<r>ab</r>');
  });
});
