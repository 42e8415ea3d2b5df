import { parseMultipartRelated } from '@gpb/ihe';
import { XmlElement, serializeXml } from '@gpb/xml';
import {
  DocumentReference,
  FindDocumentsOptions,
  PatientDiscoveryQuery,
  RequestActions,
  findDocumentsQuery,
  patientDiscoveryQuery,
  retrieveDocumentsRequest,
  soapEnvelope,
} from './requests';
import { PatientMatch, QueryResult, RetrieveResult, SoapResponse, readPatientMatch, readQueryResult, readRetrieveResult, readSoapResponse } from './responses';

export interface HttpExchange {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** The SOAP envelope (the root part when MTOM). */
  readonly envelope: string;
  /** MTOM attachments by Content-ID. */
  readonly attachments: Map<string, Buffer>;
  readonly soap: SoapResponse;
}

/** A minimal IHE initiating gateway: what Epic Care Everywhere does, for the demo and end-to-end tests. */
export class IheClient {
  constructor(private readonly baseUrl: string) {}

  async post(transaction: keyof typeof RequestActions, envelopeXml: string, timeoutMs = 60_000): Promise<HttpExchange> {
    const response = await fetch(`${this.baseUrl}/ihe/${transaction}`, {
      method: 'POST',
      headers: { 'Content-Type': `application/soap+xml; charset=UTF-8; action="${RequestActions[transaction]}"` },
      body: envelopeXml,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? '';
    let envelope = body.toString('utf8');
    const attachments = new Map<string, Buffer>();
    if (contentType.toLowerCase().startsWith('multipart/related')) {
      const mime = parseMultipartRelated(body, contentType);
      if (!mime.ok) throw new Error(`unreadable MTOM response: ${mime.problem}`);
      envelope = mime.root.content.toString('utf8');
      for (const [contentId, part] of mime.parts) attachments.set(contentId, part.content);
    }
    return { status: response.status, contentType, body, envelope, attachments, soap: readSoapResponse(envelope) };
  }

  private envelope(transaction: keyof typeof RequestActions, body: ReturnType<typeof findDocumentsQuery>): string {
    return serializeXml(soapEnvelope({ action: RequestActions[transaction], to: `${this.baseUrl}/ihe/${transaction}` }, body), { declaration: true });
  }

  async discoverPatient(query: PatientDiscoveryQuery, transaction: 'iti55' | 'iti47' = 'iti55'): Promise<{ exchange: HttpExchange; match?: PatientMatch }> {
    const exchange = await this.post(transaction, this.envelope(transaction, patientDiscoveryQuery(query)));
    return { exchange, match: exchange.soap.body ? readPatientMatch(exchange.soap.body) : undefined };
  }

  async findDocuments(nhsNumber: string, options: FindDocumentsOptions = {}): Promise<{ exchange: HttpExchange; result?: QueryResult }> {
    return this.query(findDocumentsQuery({ id: nhsNumber }, options));
  }

  /** Any ITI-38 AdhocQueryRequest. */
  async query(body: XmlElement): Promise<{ exchange: HttpExchange; result?: QueryResult }> {
    const exchange = await this.post('iti38', this.envelope('iti38', body));
    return { exchange, result: exchange.soap.body ? readQueryResult(exchange.soap.body) : undefined };
  }

  async retrieveDocuments(documents: DocumentReference[]): Promise<{ exchange: HttpExchange; result?: RetrieveResult; contents: Map<string, Buffer> }> {
    const exchange = await this.post('iti39', this.envelope('iti39', retrieveDocumentsRequest(documents)));
    const result = exchange.soap.body ? readRetrieveResult(exchange.soap.body) : undefined;
    const contents = new Map<string, Buffer>();
    for (const document of result?.documents ?? []) {
      const content = document.contentId ? exchange.attachments.get(document.contentId) : document.inline;
      if (content) contents.set(document.documentUniqueId, content);
    }
    return { exchange, result, contents };
  }
}
