import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Json, ODS_SYSTEM, array, bundleResources, identifierValue, isObject, text } from '../fhir';
import { derivePdsPatient, organisationOds } from './derive-pds-patient';

/** One test patient: what PDS says about them and, when they have one, their GP Connect record. */
export interface SandboxPatient {
  readonly nhsNumber: string;
  readonly pds: Json;
  /** The structured record Bundle, as JSON text (served as is). */
  readonly record?: string;
  /** The patient has dissented from sharing their record (GP Connect NO_PATIENT_CONSENT). */
  readonly dissent: boolean;
}

/** A GP practice with a GP Connect system, as SDS lists it. */
export interface SandboxPractice {
  readonly odsCode: string;
  readonly name: string;
  readonly asid: string;
  readonly partyKey: string;
}

const RECORD_FILE = /^(\d{10})\.json$/;
const PDS_FILE = /^(\d{10})\.pds\.json$/;
const DISSENT_FILE = /^(\d{10})\.dissent$/;

/** The sandbox's built-in data folder: `services/nhs-sandbox/data`, found from source or from dist/. */
export function builtInDataDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'services/nhs-sandbox/data');
    if (existsSync(join(candidate, 'records'))) return candidate;
  }
  throw new Error('nhs-sandbox: the built-in data folder services/nhs-sandbox/data was not found');
}

/** A stable, made-up ASID per practice: SDS entries must not change between restarts. */
function asidFor(odsCode: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(odsCode).digest('hex').slice(0, 12)}`).toString().padStart(11, '0').slice(-11);
  return `9${digits}`;
}

function readJson(path: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sandbox's patients and practices. Built-in: the NHS test patients' records (`data/records`)
 * and PDS answers (`data/pds`). A user folder (NHS_SANDBOX_DATA) adds or replaces patients with
 * `<nhsNumber>.json` records, optional `<nhsNumber>.pds.json` PDS Patients and `<nhsNumber>.dissent` markers.
 */
export class RecordStore {
  private readonly patients = new Map<string, SandboxPatient>();
  private readonly practices = new Map<string, SandboxPractice>();
  /** Problems found while loading, e.g. a file that is not a Bundle; reported, never fatal. */
  readonly problems: string[] = [];

  static load(userDir?: string, dataDir = builtInDataDir()): RecordStore {
    const store = new RecordStore();
    store.loadPdsFolder(join(dataDir, 'pds'), /^(\d{10})\.json$/);
    store.loadRecordFolder(join(dataDir, 'records'), false);
    if (userDir) {
      if (!existsSync(userDir)) store.problems.push(`NHS_SANDBOX_DATA folder ${userDir} does not exist`);
      else {
        store.loadPdsFolder(userDir, PDS_FILE);
        store.loadRecordFolder(userDir, true);
        for (const name of readdirSync(userDir)) {
          const nhsNumber = DISSENT_FILE.exec(name)?.[1];
          const patient = nhsNumber ? store.patients.get(nhsNumber) : undefined;
          if (patient && nhsNumber) store.patients.set(nhsNumber, { ...patient, dissent: true });
        }
      }
    }
    return store;
  }

  patient(nhsNumber: string): SandboxPatient | undefined {
    return this.patients.get(nhsNumber);
  }

  allPatients(): SandboxPatient[] {
    return [...this.patients.values()];
  }

  practice(odsCode: string): SandboxPractice | undefined {
    return this.practices.get(odsCode.toUpperCase());
  }

  allPractices(): SandboxPractice[] {
    return [...this.practices.values()];
  }

  private loadPdsFolder(dir: string, pattern: RegExp): void {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const nhsNumber = pattern.exec(name)?.[1];
      if (!nhsNumber) continue;
      const pds = readJson(join(dir, name));
      if (pds?.['resourceType'] !== 'Patient') {
        this.problems.push(`${name} is not a FHIR Patient`);
        continue;
      }
      const existing = this.patients.get(nhsNumber);
      this.patients.set(nhsNumber, { nhsNumber, pds, dissent: false, ...(existing?.record ? { record: existing.record } : {}) });
      this.addPracticesFromPds(pds);
    }
  }

  /** A user-supplied record without a PDS file gets a PDS Patient derived from its own Patient. */
  private loadRecordFolder(dir: string, deriveWhenMissing: boolean): void {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const nhsNumber = RECORD_FILE.exec(name)?.[1];
      if (!nhsNumber) continue;
      const record = readFileSync(join(dir, name), 'utf8');
      let bundle: Json | undefined;
      try {
        const parsed: unknown = JSON.parse(record);
        bundle = isObject(parsed) && parsed['resourceType'] === 'Bundle' ? parsed : undefined;
      } catch {
        bundle = undefined;
      }
      if (!bundle) {
        this.problems.push(`${name} is not a FHIR Bundle`);
        continue;
      }
      const resources = bundleResources(bundle);
      const practiceOds = this.addPracticesFromRecord(resources);
      const patientResource = resources.find((resource) => resource['resourceType'] === 'Patient');
      const hasOwnPds = existsSync(join(dir, `${nhsNumber}.pds.json`));
      const existing = this.patients.get(nhsNumber);
      const pds =
        existing && (hasOwnPds || !deriveWhenMissing)
          ? existing.pds
          : derivePdsPatient(nhsNumber, patientResource ?? {}, organisationOds(resources, patientResource?.['managingOrganization']) ?? practiceOds);
      this.addPracticesFromPds(pds);
      this.patients.set(nhsNumber, { nhsNumber, pds, record, dissent: existing?.dissent ?? false });
    }
  }

  /** Every organisation with an ODS code in a record is a practice SDS knows; returns the first. */
  private addPracticesFromRecord(resources: readonly Json[]): string | undefined {
    let first: string | undefined;
    for (const resource of resources) {
      if (resource['resourceType'] !== 'Organization') continue;
      const ods = identifierValue(resource, ODS_SYSTEM);
      if (!ods) continue;
      first ??= ods;
      this.addPractice(ods, text(resource['name']));
    }
    return first;
  }

  private addPracticesFromPds(pds: Json): void {
    for (const gp of array(pds['generalPractitioner'])) {
      const identifier = isObject(gp['identifier']) ? gp['identifier'] : undefined;
      const ods = text(identifier?.['value']);
      if (ods && (identifier?.['system'] ?? ODS_SYSTEM) === ODS_SYSTEM) this.addPractice(ods, undefined);
    }
  }

  private addPractice(odsCode: string, name: string | undefined): void {
    const ods = odsCode.toUpperCase();
    const existing = this.practices.get(ods);
    if (existing && (existing.name !== ods || !name)) return;
    this.practices.set(ods, { odsCode: ods, name: name ?? ods, asid: asidFor(ods), partyKey: `${ods}-0000001` });
  }
}

