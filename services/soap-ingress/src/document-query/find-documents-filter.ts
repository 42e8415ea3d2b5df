import { AdhocQueryRequest, CodedValue, DocumentEntry, formatDtm } from '@gpb/ihe';

/** FindDocuments code slots and the entry metadata each one filters on (ITI TF-2a 3.18.4.1.2.3.7.1). */
const CODE_SLOTS: ReadonlyArray<readonly [string, (entry: DocumentEntry) => CodedValue]> = [
  ['$XDSDocumentEntryClassCode', (entry) => entry.classCode],
  ['$XDSDocumentEntryTypeCode', (entry) => entry.typeCode],
  ['$XDSDocumentEntryFormatCode', (entry) => entry.formatCode],
  ['$XDSDocumentEntryPracticeSettingCode', (entry) => entry.practiceSettingCode],
  ['$XDSDocumentEntryHealthcareFacilityTypeCode', (entry) => entry.healthcareFacilityTypeCode],
  ['$XDSDocumentEntryConfidentialityCode', (entry) => entry.confidentialityCode],
];

/** Time slots: `From` is inclusive, `To` exclusive; an entry without the attribute does not match. */
const TIME_SLOTS: ReadonlyArray<readonly [string, (entry: DocumentEntry) => Date | undefined]> = [
  ['$XDSDocumentEntryCreationTime', (entry) => entry.creationTime],
  ['$XDSDocumentEntryServiceStartTime', (entry) => entry.serviceStartTime],
  ['$XDSDocumentEntryServiceStopTime', (entry) => entry.serviceStopTime],
];

/** `code^^scheme` (scheme optional) as the query gives it. */
function codeMatches(value: string, coded: CodedValue): boolean {
  const [code = '', , scheme = ''] = value.split('^');
  return code === coded.code && (scheme === '' || scheme === coded.codeSystem);
}

/** DTM comparison at the precision the client gave (YYYY[MM[DD[hh[mm[ss]]]]]), in UTC. */
function compareDtm(entryTime: Date, bound: string): number {
  const digits = bound.replace(/\D/g, '');
  return formatDtm(entryTime).slice(0, digits.length).localeCompare(digits);
}

/** True when the entry passes every FindDocuments filter the query carries beyond patient, status and type. */
export function matchesFindDocumentsFilters(query: AdhocQueryRequest, entry: DocumentEntry): boolean {
  for (const [slot, coded] of CODE_SLOTS) {
    const values = query.slots[slot];
    if (values && values.length > 0 && !values.some((value) => codeMatches(value, coded(entry)))) return false;
  }
  for (const [slot, time] of TIME_SLOTS) {
    const from = query.slots[`${slot}From`]?.[0];
    const to = query.slots[`${slot}To`]?.[0];
    if (from === undefined && to === undefined) continue;
    const value = time(entry);
    if (!value) return false;
    if (from !== undefined && compareDtm(value, from) < 0) return false;
    if (to !== undefined && compareDtm(value, to) >= 0) return false;
  }
  return true;
}
