import { AttrValue, XmlElement, XmlNode } from './element';
import { ParsedElement } from './parse';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface ToXmlElementOptions {
  /** Drop text children that are only whitespace (indentation), e.g. when echoing into a new message. */
  dropWhitespace?: boolean;
}

/**
 * Turns a parsed element back into a buildable tree, keeping its prefixes. The root declares every
 * namespace in scope (so QName-valued attributes such as `xsi:type="INT"` still resolve once the
 * element is moved into another document); descendants declare only bindings that change.
 */
export function toXmlElement(parsed: ParsedElement, options: ToXmlElementOptions = {}): XmlElement {
  return convert(parsed, undefined, options);
}

function convert(element: ParsedElement, parentScope: Readonly<Record<string, string>> | undefined, options: ToXmlElementOptions): XmlElement {
  const attrs: Record<string, AttrValue> = {};
  const scope: Record<string, string> = { ...(parentScope ?? {}) };
  const declare = (prefix: string, uri: string) => {
    if (prefix === 'xml' || prefix === 'xmlns') return;
    attrs[prefix === '' ? 'xmlns' : `xmlns:${prefix}`] = uri;
    scope[prefix] = uri;
  };

  for (const [prefix, uri] of Object.entries(element.nsScope)) {
    if (parentScope === undefined || parentScope[prefix] !== uri) declare(prefix, uri);
  }
  // The element's own name must resolve even if the parser's scope lacked the binding (defensive).
  if ((scope[element.prefix] ?? '') !== element.ns) declare(element.prefix, element.ns);

  for (const attr of element.attrs) {
    if (attr.ns === XMLNS_NS) continue;
    attrs[qualifiedAttributeName(attr.ns, attr.local, scope, declare)] = attr.value;
  }

  const children: XmlNode[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (options.dropWhitespace && child.trim() === '') continue;
      children.push(child);
    } else {
      children.push(convert(child, scope, options));
    }
  }
  const name = element.prefix ? `${element.prefix}:${element.local}` : element.local;
  return { name, attrs, children };
}

function qualifiedAttributeName(
  ns: string,
  local: string,
  scope: Record<string, string>,
  declare: (prefix: string, uri: string) => void,
): string {
  if (ns === '') return local;
  if (ns === XML_NS) return `xml:${local}`;
  // A namespaced attribute needs a non-empty prefix: the default namespace never applies to attributes.
  const existing = Object.entries(scope).find(([prefix, uri]) => prefix !== '' && uri === ns);
  if (existing) return `${existing[0]}:${local}`;
  let n = 0;
  while (scope[`ns${n}`] !== undefined) n += 1;
  declare(`ns${n}`, ns);
  return `ns${n}:${local}`;
}
