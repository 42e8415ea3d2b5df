import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseXml } from '@gpb/xml';
import { requesterFromSecurity } from './saml-requester';

const sample = (name: string) => readFileSync(resolve(__dirname, '../../../../conformance/samples/ihe/saml', name), 'utf8');

describe('requesterFromSecurity', () => {
  it('reads the XSPA attributes of a real XUA assertion', () => {
    const requester = requesterFromSecurity(parseXml(sample('IT_SamlToken_HN01.xml')));
    expect(requester).toBeDefined();
    expect(requester?.subjectId ?? requester?.subjectName).toBeTruthy();
    expect(requester?.role?.code ?? requester?.purposeOfUse?.code).toBeTruthy();
  });

  it('answers undefined when there is no assertion', () => {
    expect(requesterFromSecurity(parseXml('<x/>'))).toBeUndefined();
    expect(requesterFromSecurity(undefined)).toBeUndefined();
  });
});
