import { ParsedElement, attribute, findChild, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { ReadResult, readOk, readProblem } from '../read-result';
import type { MimePart } from './multipart';

/** A Content-ID without its angle brackets, as the keys of `parseMultipartRelated`'s parts. */
export function normalizeContentId(contentId: string): string {
  return contentId.trim().replace(/^</, '').replace(/>$/, '').trim();
}

/** The `cid:` URL of a part (RFC 2392: characters outside the URL-safe set are %-encoded). */
export function cidHref(contentId: string): string {
  const id = normalizeContentId(contentId);
  return `cid:${id.replace(/[^A-Za-z0-9\-._~@!$'*+=]/g, (c) => encodeURIComponent(c))}`;
}

/** The Content-ID a `cid:` URL names, or undefined if it is not a cid URL. */
export function contentIdFromHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (!/^cid:/i.test(trimmed)) return undefined;
  try {
    return normalizeContentId(decodeURIComponent(trimmed.slice(4)));
  } catch {
    return normalizeContentId(trimmed.slice(4));
  }
}

/**
 * The binary content of an xs:base64Binary element: its `xop:Include`d MTOM part (XOP 1.0 §3), or
 * its base64 text when sent inline.
 */
export function readXopBinary(element: ParsedElement, parts: ReadonlyMap<string, MimePart> | undefined): ReadResult<Buffer> {
  const include = findChild(element, NS.xop, 'Include');
  if (!include) return readOk(Buffer.from(textContent(element).replace(/\s+/g, ''), 'base64'));
  const href = attribute(include, 'href') ?? '';
  const contentId = contentIdFromHref(href);
  if (contentId === undefined) return readProblem(`xop:Include href "${href.slice(0, 100)}" is not a cid: URL`);
  const part = parts?.get(contentId);
  if (!part) return readProblem(`xop:Include names a missing MIME part <${contentId.slice(0, 100)}>`);
  return readOk(part.content);
}

/** The text of an element, resolving an `xop:Include` to its part's content (UTF-8). */
export function readXopText(element: ParsedElement, parts: ReadonlyMap<string, MimePart> | undefined): ReadResult<string> {
  if (!findChild(element, NS.xop, 'Include')) return readOk(textContent(element));
  const binary = readXopBinary(element, parts);
  return binary.ok ? readOk(binary.value.toString('utf8')) : binary;
}
