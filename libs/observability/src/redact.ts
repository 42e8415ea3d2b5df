/**
 * Last line of defence against patient data and secrets in logs. Callers should not log such data at
 * all; this scrubs what slips through: keys that name sensitive things, and values shaped like NHS
 * numbers, bearer tokens, JWTs or PEM blocks.
 */
const SENSITIVE_KEY = /(nhs.?number|patient|name|given|family|birth|address|postcode|telecom|phone|email|token|authori[sz]ation|assertion|secret|password|private.?key|cert|jwt|cookie|document|bundle|body|envelope|saml)/i;

const VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[pem]'],
  [/\beyJ[\w-]+\.[\w-]*\.[\w-]*/g, '[jwt]'],
  [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [token]'],
  // Ten digits standing alone: not inside a hex id (trace ids), a word or an OID.
  [/(?<![\w.])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\w|\.\d)/g, '[nhs-number]'],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Returns a copy with sensitive keys masked and sensitive-looking values scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) && !ALLOWED_KEYS.has(key) ? '[redacted]' : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}

/** Keys that match the sensitive pattern but carry only safe metadata. */
const ALLOWED_KEYS = new Set(['service', 'subject', 'route', 'transaction', 'bodyBytes', 'documentBytes', 'patientHash']);
