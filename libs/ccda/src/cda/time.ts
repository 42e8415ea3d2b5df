import { XmlElement, el } from '@gpb/xml';

/**
 * FHIR date/dateTime → HL7 TS, keeping the source's precision and its zone:
 * `2024-05-10T08:30:00+01:00` → `20240510083000+0100`, `2024-05` → `202405`. Undefined if unreadable.
 */
export function hl7Ts(value: unknown): string | undefined {
  const match = typeof value !== 'string' ? null : value.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  let ts = `${year}${month ?? ''}${day ?? ''}`;
  if (hour !== undefined && minute !== undefined) {
    ts += `${hour}${minute}${second ?? '00'}`;
    if (zone) ts += zone === 'Z' ? '+0000' : zone.replace(':', '');
  }
  return ts;
}

/** An HL7 TS for an instant, UTC with zone. */
export function instantTs(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

/** A readable date for narrative tables: the source text's date part, or a dash. */
export function displayDate(value: unknown): string {
  return typeof value === 'string' && /^\d{4}/.test(value) ? value.slice(0, 10) : '—';
}

/** `effectiveTime` as IVL_TS with low/high, nullFlavor UNK where unknown. */
export function intervalTime(low: string | undefined, high?: string | undefined, name = 'effectiveTime', typed = false): XmlElement {
  const lowTs = hl7Ts(low);
  const highTs = hl7Ts(high);
  return el(
    name,
    typed ? { 'xsi:type': 'IVL_TS' } : null,
    lowTs ? el('low', { value: lowTs }) : el('low', { nullFlavor: 'UNK' }),
    highTs && el('high', { value: highTs }),
  );
}

/** An organizer's `effectiveTime`: C-CDA wants both ends; a single time is a zero-length interval. */
export function organizerTime(low: string | undefined, high?: string | undefined): XmlElement {
  const lowTs = hl7Ts(low);
  const highTs = hl7Ts(high) ?? lowTs;
  return el('effectiveTime', null, lowTs ? el('low', { value: lowTs }) : el('low', { nullFlavor: 'UNK' }), highTs ? el('high', { value: highTs }) : el('high', { nullFlavor: 'UNK' }));
}
