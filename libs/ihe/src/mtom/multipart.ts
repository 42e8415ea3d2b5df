import { randomBytes } from 'node:crypto';
import { parseContentType, quoteParam } from './content-type';
import { normalizeContentId } from './xop';

/** One MIME part's content, decoded from its transfer encoding. */
export interface MimePart {
  readonly contentType: string;
  readonly content: Buffer;
}

/** A multipart/related message: its root part (the SOAP envelope) and the other parts by Content-ID (no angle brackets). */
export type MultipartResult =
  | { readonly ok: true; readonly root: MimePart; readonly parts: ReadonlyMap<string, MimePart> }
  | { readonly ok: false; readonly problem: string };

export interface MultipartLimits {
  /** Most parts accepted, root included. */
  readonly maxParts: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = { maxParts: 64 };

const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses a multipart/related (MTOM/XOP) body, binary-safe: any boundary, quoted or not, CRLF or bare
 * LF line ends, root chosen by the `start` parameter or else the first part (RFC 2387), Content-IDs
 * with or without angle brackets.
 */
export function parseMultipartRelated(body: Buffer, contentTypeHeader: string, limits: Partial<MultipartLimits> = {}): MultipartResult {
  const bounds = { ...DEFAULT_MULTIPART_LIMITS, ...limits };
  const contentType = parseContentType(contentTypeHeader);
  if (contentType.mediaType !== 'multipart/related') return problem(`expected multipart/related, got ${contentType.mediaType || 'no media type'}`);
  const boundary = contentType.params.get('boundary');
  if (!boundary) return problem('the Content-Type has no boundary parameter');
  if (boundary.length > 200) return problem('the boundary is longer than 200 characters');

  const rawParts = splitParts(body, Buffer.from(`--${boundary}`, 'latin1'), bounds.maxParts);
  if (typeof rawParts === 'string') return problem(rawParts);
  if (rawParts.length === 0) return problem(`no part delimited by the boundary "${boundary.slice(0, 80)}"`);

  const parsed: Array<{ contentId?: string; part: MimePart }> = [];
  for (const [index, raw] of rawParts.entries()) {
    const part = parsePart(raw);
    if (typeof part === 'string') return problem(`part ${index + 1}: ${part}`);
    parsed.push(part);
  }

  const start = contentType.params.get('start');
  const rootIndex = start === undefined ? 0 : parsed.findIndex((part) => part.contentId === normalizeContentId(start));
  if (rootIndex < 0) return problem(`no part has the start Content-ID ${start}`);

  const parts = new Map<string, MimePart>();
  for (const [index, { contentId, part }] of parsed.entries()) {
    if (index === rootIndex || contentId === undefined) continue;
    if (parts.has(contentId)) return problem(`two parts share the Content-ID <${contentId.slice(0, 100)}>`);
    parts.set(contentId, part);
  }
  const root = parsed[rootIndex];
  if (!root) return problem('no root part');
  return { ok: true, root: root.part, parts };
}

/** Part bodies between delimiters; a string is the problem. */
function splitParts(body: Buffer, delimiter: Buffer, maxParts: number): Buffer[] | string {
  const parts: Buffer[] = [];
  let contentStart = -1;
  let from = 0;
  for (;;) {
    const at = findDelimiter(body, delimiter, from);
    if (at === undefined) break;
    if (contentStart >= 0) parts.push(body.subarray(contentStart, lineBreakStart(body, at)));
    const after = at.index + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts;
    if (parts.length >= maxParts) return `more than ${maxParts} MIME parts`;
    contentStart = at.contentStart;
    from = at.contentStart;
  }
  // Tolerate a missing close delimiter: the last part runs to the end, less one trailing line break.
  if (contentStart >= 0) {
    let end = body.length;
    if (body[end - 1] === LF) end -= 1;
    if (body[end - 1] === CR) end -= 1;
    parts.push(body.subarray(contentStart, Math.max(end, contentStart)));
  }
  return parts;
}

/** The next delimiter line: `--boundary` at a line start, then optional padding, then a line end (or `--`). */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): { index: number; contentStart: number } | undefined {
  let search = from;
  for (;;) {
    const index = body.indexOf(delimiter, search);
    if (index < 0) return undefined;
    search = index + 1;
    if (index > 0 && body[index - 1] !== LF) continue;
    let i = index + delimiter.length;
    if (body[i] === 0x2d && body[i + 1] === 0x2d) return { index, contentStart: i + 2 };
    while (body[i] === 0x20 || body[i] === 0x09) i += 1;
    if (body[i] === CR && body[i + 1] === LF) return { index, contentStart: i + 2 };
    if (body[i] === LF) return { index, contentStart: i + 1 };
    if (i >= body.length) return { index, contentStart: i };
  }
}

/** Where the line break before a delimiter starts (the break belongs to the delimiter, RFC 2046 §5.1.1). */
function lineBreakStart(body: Buffer, at: { index: number }): number {
  let end = at.index;
  if (end > 0 && body[end - 1] === LF) end -= 1;
  if (end > 0 && body[end - 1] === CR) end -= 1;
  return end;
}

function parsePart(raw: Buffer): { contentId?: string; part: MimePart } | string {
  const split = headerEnd(raw);
  const headers = parseHeaders(raw.subarray(0, split.headersEnd).toString('latin1'));
  const payload = raw.subarray(split.bodyStart);
  const encoding = (headers.get('content-transfer-encoding') ?? 'binary').trim().toLowerCase();
  let content: Buffer;
  switch (encoding) {
    case 'binary':
    case '8bit':
    case '7bit':
      content = payload;
      break;
    case 'base64':
      content = Buffer.from(payload.toString('latin1').replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
      break;
    case 'quoted-printable':
      content = decodeQuotedPrintable(payload);
      break;
    default:
      return `unsupported Content-Transfer-Encoding ${encoding.slice(0, 40)}`;
  }
  const contentId = headers.get('content-id');
  return {
    contentId: contentId === undefined ? undefined : normalizeContentId(contentId),
    part: { contentType: headers.get('content-type')?.trim() ?? 'text/plain', content },
  };
}

/** The blank line ending a part's headers; a part that starts with a line break has none. */
function headerEnd(raw: Buffer): { headersEnd: number; bodyStart: number } {
  if (raw[0] === LF) return { headersEnd: 0, bodyStart: 1 };
  if (raw[0] === CR && raw[1] === LF) return { headersEnd: 0, bodyStart: 2 };
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] !== LF) continue;
    if (raw[i + 1] === LF) return { headersEnd: i, bodyStart: i + 2 };
    if (raw[i + 1] === CR && raw[i + 2] === LF) return { headersEnd: i, bodyStart: i + 3 };
  }
  return { headersEnd: raw.length, bodyStart: raw.length };
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  const unfolded: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else if (line.trim() !== '') unfolded.push(line);
  }
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeQuotedPrintable(payload: Buffer): Buffer {
  const text = payload.toString('latin1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function problem(message: string): MultipartResult {
  return { ok: false, problem: message };
}

/** An attachment to send as an MTOM part. */
export interface MtomAttachment {
  readonly contentId: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface MtomMessage {
  /** The HTTP Content-Type header value. */
  readonly contentType: string;
  readonly body: Buffer;
}

/** Packs a SOAP 1.2 envelope and its attachments as an MTOM/XOP multipart/related message (SOAP MTOM §4.3). */
export function buildMtomMessage(envelopeXml: string, attachments: readonly MtomAttachment[], action?: string): MtomMessage {
  const ids = new Set(attachments.map((attachment) => normalizeContentId(attachment.contentId)));
  let rootId = 'root.message@gpbridge';
  while (ids.has(rootId)) rootId = `root.${randomBytes(8).toString('hex')}@gpbridge`;
  const envelope = Buffer.from(envelopeXml, 'utf8');
  const contents = [envelope, ...attachments.map((attachment) => attachment.content)];
  const boundary = newBoundary(contents);

  const chunks: Buffer[] = [];
  const part = (headers: Record<string, string>, content: Buffer) => {
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${headerValue(value)}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`, 'latin1'), content, Buffer.from('\r\n', 'latin1'));
  };
  part(
    {
      'Content-Type': 'application/xop+xml; charset=UTF-8; type="application/soap+xml"',
      'Content-Transfer-Encoding': 'binary',
      'Content-ID': `<${rootId}>`,
    },
    envelope,
  );
  for (const attachment of attachments) {
    part(
      { 'Content-Type': attachment.contentType, 'Content-Transfer-Encoding': 'binary', 'Content-ID': `<${normalizeContentId(attachment.contentId)}>` },
      attachment.content,
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));

  const params = [
    'multipart/related',
    'type="application/xop+xml"',
    `start=${quoteParam(`<${rootId}>`)}`,
    'start-info="application/soap+xml"',
    action === undefined ? undefined : `action=${quoteParam(action)}`,
    `boundary=${boundary}`,
  ];
  return { contentType: params.filter((param) => param !== undefined).join('; '), body: Buffer.concat(chunks) };
}

/** A boundary that occurs in none of the contents (RFC 2046 §5.1.1). */
function newBoundary(contents: readonly Buffer[]): string {
  for (;;) {
    const boundary = `MIMEBoundary_${randomBytes(18).toString('hex')}`;
    const marker = Buffer.from(`--${boundary}`, 'latin1');
    if (contents.every((content) => content.indexOf(marker) < 0)) return boundary;
  }
}

/** Header values never carry line breaks (no header injection through a Content-ID or type). */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}
