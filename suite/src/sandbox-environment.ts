/** Settings that point every service at an nhs-sandbox at `sandboxUrl`; explicit settings win. */
export function sandboxEnvironment(sandboxUrl: string): Record<string, string> {
  const base = sandboxUrl.replace(/\/+$/, '');
  return {
    NHS_TOKEN_URL: `${base}/oauth2/token`,
    PDS_BASE_URL: `${base}/personal-demographics/FHIR/R4`,
    SDS_BASE_URL: `${base}/spine-directory/FHIR/R4`,
    NHS_API_KEY: 'gp-bridge-sandbox-api-key',
    GPC_FROM_ASID: '200000001329',
    GPC_CONSUMER_ODS_CODE: 'X26',
    TOKEN_EPHEMERAL_KEY: 'true',
  };
}

/** Explicitly set (non-empty) variables override the defaults. */
export function overlay(defaults: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const merged: Record<string, string> = { ...defaults };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}
