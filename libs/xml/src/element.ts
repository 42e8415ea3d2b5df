/** A typed XML tree: the one shape every document and message we emit is built as. */
export type AttrValue = string | number | boolean | undefined | null;

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  readonly children: readonly XmlNode[];
}

/** Text is a plain string child; it is escaped on output. */
export type XmlNode = XmlElement | string;

/** A child slot that may be left empty, so builders can write `cond && el(...)`. */
export type XmlChild = XmlNode | undefined | null | false | readonly XmlChild[];

/** Builds an element; `undefined`/`null` attributes and empty child slots are dropped. */
export function el(name: string, attrs?: Record<string, AttrValue> | null, ...children: XmlChild[]): XmlElement {
  return { name, attrs: attrs ?? {}, children: flatten(children) };
}

/**
 * Children as nodes. Trees are often built from untrusted data (a damaged FHIR record): a number
 * that arrived where text belongs becomes text, and anything that is neither text nor an element is
 * dropped, so a bad value can never break serialization.
 */
function flatten(children: readonly XmlChild[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of children as readonly unknown[]) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child as readonly XmlChild[]));
    else if (typeof child === 'string') out.push(child);
    else if (typeof child === 'number' || typeof child === 'bigint' || child === true) out.push(String(child));
    else if (isElementLike(child)) out.push(child);
  }
  return out;
}

function isElementLike(value: unknown): value is XmlElement {
  const candidate = value as Partial<XmlElement> | null;
  return typeof value === 'object' && typeof candidate?.name === 'string' && Array.isArray(candidate.children) && typeof candidate.attrs === 'object';
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}
