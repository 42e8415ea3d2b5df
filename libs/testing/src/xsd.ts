import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';

/** The official schemas, copied into the repository (see conformance/PROVENANCE.md). */
export const SCHEMA_ROOT = resolve(__dirname, '../../../conformance/schemas');

export interface SchemaTarget {
  /** Folder under conformance/schemas whose .xsd files are preloaded with their relative paths. */
  folder: string;
  /** Entry schema, relative to the folder. */
  entry: string;
}

export const SCHEMAS = {
  cda: { folder: 'cda', entry: 'CDA_SDTC.xsd' },
  soap: { folder: 'soap', entry: 'soap-1.2-envelope.xsd' },
  ebxmlQuery: { folder: 'ebxml', entry: 'query.xsd' },
  xdsRepository: { folder: 'ebxml', entry: 'XDS.b_DocumentRepository.xsd' },
  hl7v3Query: { folder: 'hl7v3/NE2008', entry: 'multicacheschemas/PRPA_IN201305UV02.xsd' },
  hl7v3Response: { folder: 'hl7v3/NE2008', entry: 'multicacheschemas/PRPA_IN201306UV02.xsd' },
} as const satisfies Record<string, SchemaTarget>;

export interface XsdResult {
  valid: boolean;
  errors: string[];
}

interface SchemaFile {
  fileName: string;
  contents: string;
}

const folderCache = new Map<string, SchemaFile[]>();

function schemaFiles(folder: string): SchemaFile[] {
  const cached = folderCache.get(folder);
  if (cached) return cached;
  const base = join(SCHEMA_ROOT, folder);
  const files: SchemaFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.xsd')) files.push({ fileName: relative(base, path), contents: readFileSync(path, 'utf8') });
    }
  };
  walk(base);
  folderCache.set(folder, files);
  return files;
}

/** Validates one XML text against an official schema with libxml2 (compiled to wasm, so no system install). */
export async function validateXsd(target: SchemaTarget, xml: string): Promise<XsdResult> {
  const files = schemaFiles(target.folder);
  const entry = files.find((file) => file.fileName === target.entry);
  if (!entry) throw new Error(`schema ${target.entry} not found under ${target.folder}`);
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [entry],
    preload: files.filter((file) => file !== entry),
    maxMemoryPages: memoryPages.GiB,
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}
