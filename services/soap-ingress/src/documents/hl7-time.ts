/** Parses an HL7 TS/DTM (YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]) into a Date; undefined if it is not one. */
export function parseHl7Timestamp(value: string | undefined): Date | undefined {
  const match = value?.trim().match(/^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$/);
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone] = match;
  const offset = zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
