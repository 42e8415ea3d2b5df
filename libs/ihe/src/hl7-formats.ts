/** Date/time and escaping formats shared by HL7 v3 (TS) and XDS metadata (HL7 v2 DTM, CX, XON). */

/** HL7 DTM / v3 TS to the second, in UTC (XDS requires UTC: ITI TF-3 4.2.3.1.5). */
export function formatDtm(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

/** A FHIR `date` (YYYY, YYYY-MM or YYYY-MM-DD) or an HL7 date (YYYYMMDD) as HL7 digits; undefined if it is neither. */
export function formatHl7Date(date: string): string | undefined {
  const digits = date.trim().replace(/-/g, '');
  return /^\d{4}(\d{2}(\d{2})?)?$/.test(digits) ? digits : undefined;
}

const V2_ESCAPES: Record<string, string> = { '\\': '\\E\\', '|': '\\F\\', '^': '\\S\\', '&': '\\T\\', '~': '\\R\\' };

/** Escapes HL7 v2 delimiters inside a component value (HL7 v2.5 §2.7). */
export function escapeV2(text: string): string {
  return text.replace(/[\\|^&~]/g, (c) => V2_ESCAPES[c] ?? c);
}

/** HL7 v3 TS to the second with an explicit UTC offset (e.g. 20250731184915+0000). */
export function formatHl7Timestamp(date: Date): string {
  return `${formatDtm(date)}+0000`;
}

/** A FHIR date or dateTime as HL7 v3 TS: dates keep their precision, instants become UTC; undefined if unreadable. */
export function fhirDateTimeToTs(value: string): string | undefined {
  const date = formatHl7Date(value);
  if (date) return date;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : formatHl7Timestamp(instant);
}
