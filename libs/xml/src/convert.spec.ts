import { toXmlElement } from './convert';
import { el } from './element';
import { parseXml } from './parse';
import { findChild, resolveQName } from './query';
import { serializeXml } from './serialize';

describe('toXmlElement', () => {
  it('round-trips an element taken out of its document, with the namespaces it needs', () => {
    const doc = parseXml(
      '<s:Envelope xmlns:s="urn:soap" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>' +
        '<q xmlns="urn:hl7-org:v3"><v xsi:type="INT" value="1"/><h:x xmlns:h="urn:h" h:a="2" xml:lang="en">t &amp; u</h:x></q>' +
        '</s:Body></s:Envelope>',
    );
    const q = findChild(findChild(doc, 'urn:soap', 'Body'), 'urn:hl7-org:v3', 'q');
    if (!q) throw new Error('no q');
    const text = serializeXml(el('wrapper', { xmlns: 'urn:other' }, toXmlElement(q)));
    const reparsed = findChild(parseXml(text), 'urn:hl7-org:v3', 'q');
    if (!reparsed) throw new Error('lost the namespace');
    const v = findChild(reparsed, 'urn:hl7-org:v3', 'v');
    if (!v) throw new Error('no v');
    expect(resolveQName(v, 'INT')).toEqual({ ns: 'urn:hl7-org:v3', local: 'INT' });
    expect(v.attrs).toContainEqual({ ns: 'http://www.w3.org/2001/XMLSchema-instance', local: 'type', value: 'INT' });
    const x = findChild(reparsed, 'urn:h', 'x');
    expect(x?.attrs).toEqual(
      expect.arrayContaining([
        { ns: 'urn:h', local: 'a', value: '2' },
        { ns: 'http://www.w3.org/XML/1998/namespace', local: 'lang', value: 'en' },
      ]),
    );
    expect(x?.children).toEqual(['t & u']);
  });

  it('declares only changed bindings below the root and can drop indentation', () => {
    const doc = parseXml('<a xmlns="urn:a">\n  <b>\n    <c xmlns="urn:c"/>\n  </b>\n</a>');
    const text = serializeXml(toXmlElement(doc, { dropWhitespace: true }));
    expect(text).toBe('<a xmlns="urn:a"><b><c xmlns="urn:c"/></b></a>');
  });
});
