import { ParsedElement, ParsedNode } from './parse';

/** Small read helpers over a parsed tree; all matching is by namespace URI + local name, never prefix. */
export function isParsedElement(node: ParsedNode): node is ParsedElement {
  return typeof node !== 'string';
}

export function childElements(parent: ParsedElement): ParsedElement[] {
  return parent.children.filter(isParsedElement);
}

export function findChild(parent: ParsedElement | undefined, ns: string, local: string): ParsedElement | undefined {
  if (!parent) return undefined;
  for (const child of parent.children) {
    if (typeof child !== 'string' && child.local === local && child.ns === ns) return child;
  }
  return undefined;
}

export function findChildren(parent: ParsedElement | undefined, ns: string, local: string): ParsedElement[] {
  if (!parent) return [];
  return childElements(parent).filter((child) => child.local === local && child.ns === ns);
}

/** Follows a path of [ns, local] steps, first match at each step. */
export function findPath(start: ParsedElement | undefined, ...steps: Array<readonly [string, string]>): ParsedElement | undefined {
  let current = start;
  for (const [ns, local] of steps) current = findChild(current, ns, local);
  return current;
}

/** Depth-first search for every descendant with this name. */
export function findDescendants(root: ParsedElement, ns: string, local: string): ParsedElement[] {
  const found: ParsedElement[] = [];
  const visit = (element: ParsedElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.local === local && child.ns === ns) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

export function attribute(element: ParsedElement | undefined, local: string, ns = ''): string | undefined {
  return element?.attrs.find((attr) => attr.local === local && attr.ns === ns)?.value;
}

/** Concatenated text content of the element and its descendants, trimmed. */
export function textContent(element: ParsedElement | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const visit = (node: ParsedElement) => {
    for (const child of node.children) {
      if (typeof child === 'string') parts.push(child);
      else visit(child);
    }
  };
  visit(element);
  return parts.join('').trim();
}

/** Resolves a QName value (e.g. an xsi:type) against the element's in-scope namespaces. */
export function resolveQName(element: ParsedElement, qname: string): { ns: string; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { ns: element.nsScope[''] ?? '', local: qname };
  return { ns: element.nsScope[qname.slice(0, colon)] ?? '', local: qname.slice(colon + 1) };
}
