import { XmlChild, XmlElement, el } from '@gpb/xml';
import { Extension, ListResource, annotationText, objects, text } from '../record/fhir';
import { conceptText } from './coded';

export interface NarrativeRow {
  /** ID of the row, referenced by its entry. */
  readonly id: string;
  readonly cells: readonly string[];
}

/** A section's `text`: a table of the rows, then what the GP system said about the Lists. */
export function narrativeTable(headers: readonly string[], rows: readonly NarrativeRow[], notices: readonly string[]): XmlElement {
  return el(
    'text',
    null,
    rows.length > 0 &&
      el(
        'table',
        { border: '1', width: '100%' },
        el('thead', null, el('tr', null, headers.map((header) => el('th', null, header)))),
        el(
          'tbody',
          null,
          rows.map((row) => el('tr', { ID: row.id }, row.cells.map((cell, index): XmlChild => el('td', index === 0 ? { ID: `${row.id}-name` } : null, cell)))),
        ),
      ),
    notices.map((notice) => el('paragraph', null, notice)),
  );
}

/** Warnings, notes and empty reasons of the Lists, to be shown to the reader, never dropped. */
export function listNotices(lists: readonly ListResource[], areaName: string): string[] {
  const notices: string[] = [];
  for (const list of lists) {
    for (const extension of objects<Extension>(list.extension)) {
      if (!text(extension.url)?.includes('ListWarningCode')) continue;
      const code = text(extension.valueCode) ?? text(objects<{ code?: unknown }>(extension.valueCodeableConcept?.coding)[0]?.code);
      notices.push(WARNINGS[code ?? ''] ?? `Warning from the GP system: ${code ?? 'unspecified'}.`);
    }
    const note = annotationText(list.note);
    if (note) notices.push(note);
    if (list.emptyReason) notices.push(`${text(list.title) ?? areaName}: ${conceptText(list.emptyReason)}.`);
  }
  if (lists.length === 0) notices.push(`The GP system returned no ${areaName} information.`);
  return notices;
}

const WARNINGS: Readonly<Record<string, string>> = {
  'confidential-items': 'Items have been excluded from this record as they are marked confidential at the GP practice.',
  'data-in-transit': 'Patient record transfer from a previous GP practice is not yet complete; information may be missing.',
  'data-awaiting-filing': 'Some data is awaiting filing at the GP practice and is not included.',
  'data-not-available': 'Some information is not available from the GP system.',
};
