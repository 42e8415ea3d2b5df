import { AttrValue, XmlElement, XmlNode } from './element';

export interface SerializeOptions {
  /** Prepend `<?xml version="1.0" encoding="UTF-8"?>`. */
  declaration?: boolean;
}

/** The only place in the suite that turns an XML tree into text. */
export function serializeXml(root: XmlElement, options: SerializeOptions = {}): string {
  const out: string[] = [];
  if (options.declaration) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  writeElement(root, out);
  return out.join('');
}

function writeElement(element: XmlElement, out: string[]): void {
  out.push('<', element.name);
  for (const key in element.attrs) {
    const value = element.attrs[key];
    if (value === undefined || value === null) continue;
    out.push(' ', key, '="', escapeAttribute(attributeText(value)), '"');
  }
  if (element.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of element.children) writeNode(child, out);
  out.push('</', element.name, '>');
}

function writeNode(node: XmlNode, out: string[]): void {
  if (typeof node === 'string') out.push(escapeText(node));
  else writeElement(node, out);
}

function attributeText(value: Exclude<AttrValue, undefined | null>): string {
  return typeof value === 'string' ? value : String(value);
}

const TEXT_SPECIALS = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTR_SPECIALS = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escapes character data; characters XML 1.0 forbids are dropped rather than emitted. */
export function escapeText(text: string): string {
  if (!TEXT_SPECIALS.test(text)) return text;
  return text.replace(/[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => TEXT_ESCAPES[c] ?? '');
}

export function escapeAttribute(text: string): string {
  if (!ATTR_SPECIALS.test(text)) return text;
  return text.replace(/[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => ATTR_ESCAPES[c] ?? '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
