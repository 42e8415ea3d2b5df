import { OIDS } from '../xds-constants';

/**
 * Decodes one stored-query slot value (ITI TF-2a 3.18.4.1.2.3.5): `('a','b')` → ['a','b'],
 * `'x'` → ['x'], a bare `20200101` → ['20200101']; `''` inside quotes is an escaped quote.
 */
export function decodeSlotValue(raw: string): string[] {
  const text = raw.trim();
  if (text.startsWith('(') && text.endsWith(')')) {
    return splitList(text.slice(1, -1))
      .map((item) => unquote(item.trim()))
      .filter((item): item is string => item !== undefined);
  }
  const single = unquote(text);
  return single === undefined ? [] : [single];
}

function splitList(inner: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner.charAt(i);
    if (c === "'") {
      if (quoted && inner.charAt(i + 1) === "'") {
        current += "''";
        i += 1;
        continue;
      }
      quoted = !quoted;
      current += c;
    } else if (c === ',' && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items;
}

function unquote(item: string): string | undefined {
  if (item === '') return undefined;
  if (item.length >= 2 && item.startsWith("'") && item.endsWith("'")) return item.slice(1, -1).replace(/''/g, "'");
  return item;
}

/** A patient identifier as an HL7 v2 CX (`id^^^&root&ISO`) names it. */
export interface CxIdentifier {
  readonly id: string;
  /** The assigning authority's universal id (an OID). */
  readonly root: string;
}

/** Parses an HL7 v2 CX value such as `9690937286^^^&2.16.840.1.113883.2.1.4.1&ISO`; undefined if it has no id or authority OID. */
export function parseCx(value: string): CxIdentifier | undefined {
  const [id = '', , , authority = ''] = value.trim().split('^');
  const [, root = ''] = authority.split('&');
  if (id.trim() === '' || root.trim() === '') return undefined;
  return { id: id.trim(), root: root.trim() };
}

/** Formats a CX value: `id^^^&root&ISO`. */
export function formatCx(identifier: CxIdentifier): string {
  return `${identifier.id}^^^&${identifier.root}&ISO`;
}

/** The CX form of an NHS number (DOMAIN.md §2). */
export function nhsNumberCx(nhsNumber: string): string {
  return formatCx({ id: nhsNumber, root: OIDS.nhsNumber });
}
