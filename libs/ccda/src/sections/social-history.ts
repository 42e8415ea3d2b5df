import { XmlElement } from '@gpb/xml';
import { buildSection } from './section';

/**
 * Social History is required in a CCD, but GP Connect has no social history area: smoking, alcohol
 * and similar observations arrive as uncategorised data and are shown under results. Said so here.
 */
export function socialHistorySection(): XmlElement {
  return buildSection(
    {
      templateRoot: '2.16.840.1.113883.10.20.22.2.17',
      templateExtension: '2015-08-01',
      loinc: '29762-2',
      loincName: 'Social history Narrative',
      title: 'Social history',
      headers: [],
    },
    [],
    ['The GP record has no separate social history. Smoking, alcohol and similar entries recorded by the practice are listed under "Investigations, results and other observations".'],
    [],
  );
}
