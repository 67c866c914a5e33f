/**
 * Secrets never reach a log file (DESIGN.md §7). Everything the main process logs
 * passes through a Redactor: API-key shapes, bearer tokens, credentials in URL
 * query strings and auth headers are masked by pattern, and the values of the keys
 * Spool actually knows (stored keys as they are read, keys in the environment) are
 * masked wherever they appear, whatever their shape.
 */
export const REDACTED = '[REDACTED]';

/** Shorter known values are not masked: they would match ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

const PATTERNS: readonly [RegExp, string][] = [
  // OpenAI / Anthropic / OpenRouter style keys: sk-…, sk-ant-…, sk-proj-…, sk-or-v1-…
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Authorization: Bearer <token> (and a bare "Bearer <token>" in an error message).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Credentials in query strings: ?token=…, &api_key=…, &key=…
  [
    /([?&](?:token|access_token|refresh_token|api[_-]?key|key|auth|password|secret)=)[^&#\s"'<>]+/gi,
    `$1${REDACTED}`,
  ],
  // Headers or JSON fields naming a credential: x-api-key: …, "apiKey": "…", authorization=…
  [
    /((?:x-api-key|api[_-]?key|authorization|x-goog-api-key|password|secret)["']?\s*[:=]\s*["']?)(?!Bearer\b|Basic\b)[^\s"',;}]+/gi,
    `$1${REDACTED}`,
  ],
];

/** Environment variables whose values are treated as secrets. */
const SECRET_ENV_NAME = /(KEY|TOKEN|SECRET|PASSWORD)$/i;

export class Redactor {
  private readonly known = new Set<string>();

  /** Masks `value` wherever it appears from now on (a key read from the store, an env key). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= MIN_KNOWN_SECRET_LENGTH) this.known.add(value);
  }

  /** Registers the values of variables like OPENAI_API_KEY, GITHUB_TOKEN, DB_PASSWORD. */
  addSecretsFromEnv(env: NodeJS.ProcessEnv): void {
    for (const [name, value] of Object.entries(env)) if (SECRET_ENV_NAME.test(name)) this.addSecret(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a known value containing another is masked whole.
    for (const secret of [...this.known].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * A log argument with every string inside it redacted. Errors keep their class
   * name, message and stack (redacted); objects are copied, never mutated.
   */
  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 5) return '[…]';
    if (value instanceof Error) {
      const copy = new Error(this.redact(value.message));
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : this.redact(value.stack);
      const code = (value as NodeJS.ErrnoException).code;
      if (code !== undefined) Object.assign(copy, { code });
      return copy;
    }
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = this.redactValue(item, depth + 1);
    return copy;
  }
}
