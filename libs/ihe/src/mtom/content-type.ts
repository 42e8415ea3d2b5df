/** A parsed MIME Content-Type header value: lower-cased media type and parameters (names lower-cased). */
export interface ContentType {
  readonly mediaType: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses `type/subtype; name=value; name="quoted \" value"` (RFC 2045 §5.1); tolerant of stray spaces and `;`. */
export function parseContentType(header: string): ContentType {
  const text = header.trim();
  const semicolon = text.indexOf(';');
  const mediaType = (semicolon < 0 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  let i = semicolon < 0 ? text.length : semicolon + 1;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === ';')) i += 1;
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i += 1;
    let value = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      i += 1;
      const next = text.indexOf(';', i);
      i = next < 0 ? text.length : next + 1;
    } else {
      const next = text.indexOf(';', i);
      value = (next < 0 ? text.slice(i) : text.slice(i, next)).trim();
      i = next < 0 ? text.length : next + 1;
    }
    if (name !== '' && !params.has(name)) params.set(name, value);
  }
  return { mediaType, params };
}

/** Quotes a parameter value for a Content-Type header. */
export function quoteParam(value: string): string {
  return `"${value.replace(/[\r\n]/g, '').replace(/(["\\])/g, '\\$1')}"`;
}
