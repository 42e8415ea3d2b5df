import { XmlElement, el } from '@gpb/xml';
import { Quantity, text } from '../record/fhir';

/** The quantity's number, if it really is one. */
export function measured(quantity: Quantity | undefined): number | undefined {
  const value: unknown = quantity?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A UCUM unit CDA will take: a code without spaces; otherwise the unit travels as text. */
export function ucumUnit(quantity: Quantity): string | undefined {
  const unit = (quantity.system === 'http://unitsofmeasure.org' ? text(quantity.code) : undefined) ?? text(quantity.unit) ?? text(quantity.code);
  return unit && /^[^\s]+$/.test(unit) ? unit : undefined;
}

/** A PQ element (`value xsi:type="PQ"` when typed), or ST text when the unit is not expressible. */
export function physicalQuantity(name: string, quantity: Quantity, typed = true): XmlElement {
  const unit = ucumUnit(quantity);
  const value = measured(quantity);
  if (value === undefined) return el(name, { ...(typed ? { 'xsi:type': 'PQ' } : {}), nullFlavor: 'NI' });
  return el(name, { ...(typed ? { 'xsi:type': 'PQ' } : {}), value: String(value), unit: unit ?? '1' }, !unit && text(quantity.unit) ? el('translation', { nullFlavor: 'OTH' }, el('originalText', null, text(quantity.unit))) : undefined);
}

export function quantityText(quantity: Quantity | undefined): string {
  const value = measured(quantity);
  if (!quantity || value === undefined) return '';
  return `${text(quantity.comparator) ?? ''}${value}${text(quantity.unit) ? ` ${text(quantity.unit)}` : ''}`;
}
