import { XmlChild, XmlElement, el } from '@gpb/xml';
import { Observation, Quantity, text } from '../record/fhir';
import { codedElement, conceptText } from './coded';
import { measured, physicalQuantity, quantityText, ucumUnit } from './quantity';
import { hl7Ts } from './time';

const INTERPRETATION_SYSTEM = '2.16.840.1.113883.5.83';
const INTERPRETATION_CODES: ReadonlySet<string> = new Set(['H', 'L', 'N', 'A', 'HH', 'LL', 'AA', 'HU', 'LU', '<', '>', 'POS', 'NEG', 'IND']);

/** An observation's `value`, typed as CDA expects; comparators (`<5`) become open intervals. */
export function observationValue(observation: Observation): XmlElement {
  const quantity = observation.valueQuantity;
  if (quantity && measured(quantity) !== undefined) {
    if (typeof quantity.comparator === 'string') return comparatorInterval(quantity);
    return physicalQuantity('value', quantity);
  }
  if (observation.valueCodeableConcept) return codedElement('value', observation.valueCodeableConcept, undefined, { 'xsi:type': 'CD' });
  if (text(observation.valueString)) return el('value', { 'xsi:type': 'ST' }, text(observation.valueString));
  if (typeof observation.valueBoolean === 'boolean') return el('value', { 'xsi:type': 'BL', value: String(observation.valueBoolean) });
  if (Number.isInteger(observation.valueInteger)) return el('value', { 'xsi:type': 'INT', value: String(observation.valueInteger) });
  const time = hl7Ts(observation.valueDateTime);
  if (time) return el('value', { 'xsi:type': 'TS', value: time });
  if (observation.valueRange) {
    return el('value', { 'xsi:type': 'IVL_PQ' }, rangeBound('low', observation.valueRange.low), rangeBound('high', observation.valueRange.high));
  }
  return el('value', { 'xsi:type': 'CD', nullFlavor: 'NI' });
}

function comparatorInterval(quantity: Quantity): XmlElement {
  const bound = { value: String(measured(quantity)), unit: ucumUnit(quantity) ?? '1' };
  const below = quantity.comparator === '<' || quantity.comparator === '<=';
  return el(
    'value',
    { 'xsi:type': 'IVL_PQ' },
    below ? el('high', { ...bound, inclusive: String(quantity.comparator === '<=') }) : el('low', { ...bound, inclusive: String(quantity.comparator === '>=') }),
  );
}

function rangeBound(name: 'low' | 'high', quantity: Quantity | undefined): XmlChild {
  const value = measured(quantity);
  return quantity && value !== undefined ? el(name, { value: String(value), unit: ucumUnit(quantity) ?? '1' }) : undefined;
}

/** What the value reads as in a narrative table. */
export function valueText(observation: Observation): string {
  if (observation.valueQuantity) return quantityText(observation.valueQuantity);
  if (observation.valueCodeableConcept) return conceptText(observation.valueCodeableConcept);
  if (text(observation.valueString)) return text(observation.valueString) ?? '';
  if (typeof observation.valueBoolean === 'boolean') return observation.valueBoolean ? 'Yes' : 'No';
  if (typeof observation.valueInteger === 'number') return String(observation.valueInteger);
  if (text(observation.valueDateTime)) return (text(observation.valueDateTime) ?? '').slice(0, 10);
  if (observation.valueRange) return `${quantityText(observation.valueRange.low)}–${quantityText(observation.valueRange.high)}`;
  return '';
}

export function interpretationCode(observation: Observation): XmlChild {
  const coding = observation.interpretation?.coding?.find((item) => item.code && INTERPRETATION_CODES.has(item.code));
  if (coding?.code) return el('interpretationCode', { code: coding.code, codeSystem: INTERPRETATION_SYSTEM, displayName: coding.display });
  if (observation.interpretation) return el('interpretationCode', { nullFlavor: 'OTH' }, el('originalText', null, conceptText(observation.interpretation)));
  return undefined;
}

export function referenceRanges(observation: Observation): XmlElement[] {
  return (observation.referenceRange ?? []).map((range) =>
    el(
      'referenceRange',
      null,
      el(
        'observationRange',
        null,
        el('text', null, range.text ?? rangeText(range.low, range.high)),
        // The schematron wants a value; a range given only as text travels as text.
        measured(range.low) !== undefined || measured(range.high) !== undefined
          ? el('value', { 'xsi:type': 'IVL_PQ' }, rangeBound('low', range.low), rangeBound('high', range.high))
          : el('value', { 'xsi:type': 'ST' }, range.text ?? '—'),
      ),
    ),
  );
}

export function rangeText(low: Quantity | undefined, high: Quantity | undefined): string {
  return [quantityText(low), quantityText(high)].filter(Boolean).join(' – ') || '—';
}
