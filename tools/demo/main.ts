/**
 * `npm run demo -- <nhsNumber> [baseUrl]`: plays an external initiating gateway against the running
 * suite — discover the patient (ITI-55), find the GP summary (ITI-38), retrieve it (ITI-39) — prints
 * what came back and writes the CCD to a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IheClient } from '@gpb/ihe-client';

async function main(): Promise<number> {
  const [nhsNumber, baseUrl = 'http://127.0.0.1:8080'] = process.argv.slice(2);
  if (!nhsNumber || !/^\d{10}$/.test(nhsNumber.replace(/\s/g, ''))) {
    process.stderr.write('usage: npm run demo -- <nhsNumber> [baseUrl]   e.g. npm run demo -- 9690937286\n');
    return 2;
  }
  const client = new IheClient(baseUrl.replace(/\/$/, ''));
  const nhs = nhsNumber.replace(/\s/g, '');

  const discovery = await client.discoverPatient({ nhsNumber: nhs });
  if (discovery.exchange.soap.fault) return failed('ITI-55', discovery.exchange.soap.fault.reason);
  const match = discovery.match;
  console.log(`ITI-55 patient discovery: ${match?.acknowledgement}/${match?.queryResponseCode}`);
  if (match?.queryResponseCode !== 'OK') {
    console.log(`  no match${match?.detail ? `: ${match.detail}` : ''}`);
    return 1;
  }
  console.log(`  ${match.name ?? '(no name)'}, ${match.gender ?? '?'}, born ${match.birthTime ?? '?'}, GP practice ${match.gpPracticeOds ?? '?'}`);

  const query = await client.findDocuments(nhs);
  if (query.exchange.soap.fault) return failed('ITI-38', query.exchange.soap.fault.reason);
  const entry = query.result?.entries[0];
  console.log(`ITI-38 find documents: ${shortStatus(query.result?.status)}, ${query.result?.entries.length ?? 0} entr${query.result?.entries.length === 1 ? 'y' : 'ies'}`);
  for (const error of query.result?.errors ?? []) console.log(`  error ${error.code}: ${error.message}`);
  if (!entry?.uniqueId || !entry.repositoryUniqueId) return 1;
  console.log(`  "${entry.title}" uniqueId ${entry.uniqueId}`);
  console.log(`  repository ${entry.repositoryUniqueId}, community ${entry.home}, created ${entry.creationTime}, ${entry.size ?? '?'} bytes`);

  const retrieval = await client.retrieveDocuments([{ homeCommunityId: entry.home, repositoryUniqueId: entry.repositoryUniqueId, documentUniqueId: entry.uniqueId }]);
  if (retrieval.exchange.soap.fault) return failed('ITI-39', retrieval.exchange.soap.fault.reason);
  const content = retrieval.contents.get(entry.uniqueId);
  console.log(`ITI-39 retrieve: ${shortStatus(retrieval.result?.status)}, ${retrieval.exchange.attachments.size} MTOM attachment(s)`);
  if (!content) return 1;
  const outDir = resolve(process.cwd(), 'out');
  mkdirSync(outDir, { recursive: true });
  const file = resolve(outDir, `ccd-${nhs}.xml`);
  writeFileSync(file, content);
  const sections = (content.toString('utf8').match(/<section[\s>]/g) ?? []).length;
  console.log(`  wrote ${file} (${content.length} bytes, ${sections} sections)`);
  return 0;
}

function shortStatus(status: string | undefined): string {
  return status?.split(':').pop() ?? 'no status';
}

function failed(transaction: string, reason: string): number {
  console.error(`${transaction} answered with a SOAP fault: ${reason}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)} (is the suite running? npm start)`);
    process.exit(1);
  },
);
