import { XmlElement, el } from '@gpb/xml';
import { Quantity } from '../record/fhir';

/** A UCUM unit CDA will take: a code without spaces; otherwise the unit travels as text. */
export function ucumUnit(quantity: Quantity): string | undefined {
  const unit = (quantity.system === 'http://unitsofmeasure.org' ? quantity.code : undefined) ?? quantity.unit ?? quantity.code;
  return unit && /^[^\s]+$/.test(unit) ? unit : undefined;
}

/** A PQ element (`value xsi:type="PQ"` when typed), or ST text when the unit is not expressible. */
export function physicalQuantity(name: string, quantity: Quantity, typed = true): XmlElement {
  const unit = ucumUnit(quantity);
  if (quantity.value === undefined) return el(name, { ...(typed ? { 'xsi:type': 'PQ' } : {}), nullFlavor: 'NI' });
  return el(name, { ...(typed ? { 'xsi:type': 'PQ' } : {}), value: String(quantity.value), unit: unit ?? '1' }, !unit && quantity.unit ? el('translation', { nullFlavor: 'OTH' }, el('originalText', null, quantity.unit)) : undefined);
}

export function quantityText(quantity: Quantity | undefined): string {
  if (!quantity || quantity.value === undefined) return '';
  return `${quantity.comparator ?? ''}${quantity.value}${quantity.unit ? ` ${quantity.unit}` : ''}`;
}
