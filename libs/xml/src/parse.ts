import { SaxesParser, SaxesTagNS } from 'saxes';

/** An element as read from untrusted input: namespace-resolved, prefixes kept only for QName values. */
export interface ParsedElement {
  readonly ns: string;
  readonly local: string;
  readonly prefix: string;
  readonly attrs: readonly ParsedAttribute[];
  readonly children: readonly ParsedNode[];
  /** In-scope namespace bindings (prefix → URI), needed to resolve QName-valued attributes such as xsi:type. */
  readonly nsScope: Readonly<Record<string, string>>;
}

export interface ParsedAttribute {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export type ParsedNode = ParsedElement | string;

/** Bounds that make a hostile document cost almost nothing. */
export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAttributesPerElement: number;
  maxNodes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxAttributesPerElement: 64,
  maxNodes: 200_000,
};

export type XmlRejection =
  | 'not-well-formed'
  | 'dtd-forbidden'
  | 'too-large'
  | 'too-deep'
  | 'too-many-attributes'
  | 'too-many-nodes'
  | 'empty';

export class XmlParseError extends Error {
  constructor(
    readonly reason: XmlRejection,
    message: string,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/**
 * Parses untrusted XML. DTDs are refused outright (no internal subset, so no entity expansion and
 * no external entities); size, depth, attribute count and node count are bounded while parsing.
 */
export function parseXml(input: string | Buffer, limits: Partial<XmlLimits> = {}): ParsedElement {
  const bounds = { ...DEFAULT_XML_LIMITS, ...limits };
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (byteLength > bounds.maxBytes) {
    throw new XmlParseError('too-large', `document is ${byteLength} bytes; the limit is ${bounds.maxBytes}`);
  }
  const text = typeof input === 'string' ? input : input.toString('utf8');

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Array<{ element: MutableElement }> = [];
  let root: MutableElement | undefined;
  let nodes = 0;
  let failure: XmlParseError | undefined;

  const fail = (error: XmlParseError): never => {
    failure = error;
    throw error;
  };

  parser.on('doctype', () => fail(new XmlParseError('dtd-forbidden', 'DOCTYPE declarations are not accepted')));
  parser.on('opentag', (tag: SaxesTagNS) => {
    nodes += 1;
    if (nodes > bounds.maxNodes) fail(new XmlParseError('too-many-nodes', `more than ${bounds.maxNodes} nodes`));
    if (stack.length >= bounds.maxDepth) fail(new XmlParseError('too-deep', `nesting deeper than ${bounds.maxDepth}`));
    const attrNames = Object.keys(tag.attributes);
    if (attrNames.length > bounds.maxAttributesPerElement) {
      fail(new XmlParseError('too-many-attributes', `an element has more than ${bounds.maxAttributesPerElement} attributes`));
    }
    const attrs: ParsedAttribute[] = [];
    for (const name of attrNames) {
      const attr = tag.attributes[name];
      if (!attr || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attrs.push({ ns: attr.uri, local: attr.local, value: attr.value });
    }
    const parentScope = stack[stack.length - 1]?.element.nsScope ?? {};
    const ownBindings = tag.ns ?? {};
    const nsScope = Object.keys(ownBindings).length > 0 ? { ...parentScope, ...ownBindings } : parentScope;
    const element: MutableElement = { ns: tag.uri, local: tag.local, prefix: tag.prefix, attrs, children: [], nsScope };
    const parent = stack[stack.length - 1];
    if (parent) parent.element.children.push(element);
    else root = element;
    stack.push({ element });
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (value: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    nodes += 1;
    if (nodes > bounds.maxNodes) fail(new XmlParseError('too-many-nodes', `more than ${bounds.maxNodes} nodes`));
    parent.element.children.push(value);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error: Error) => {
    if (failure) throw failure;
    throw new XmlParseError('not-well-formed', error.message);
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    throw new XmlParseError('not-well-formed', error instanceof Error ? error.message : String(error));
  }
  if (!root) throw new XmlParseError('empty', 'no root element');
  return root;
}

interface MutableElement {
  ns: string;
  local: string;
  prefix: string;
  attrs: ParsedAttribute[];
  children: ParsedNode[];
  nsScope: Record<string, string>;
}
