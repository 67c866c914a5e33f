/**
 * The one redactor (DESIGN.md §7): every log line, crash record, provider error,
 * request description and "Report a problem" bundle passes through it. It masks the
 * keys Spool knows (stored keys as they are read, keys in the environment) wherever
 * they appear, whatever their shape, and things shaped like credentials that Spool
 * never saw (pasted into a prompt, echoed by a provider).
 *
 * It works on reassembled text: `redactPieces` finds secrets in the pieces joined
 * (a key streamed as "sk-ab" + "c123…" is one match) and masks each piece's share,
 * so the pieces still join to the masked text.
 */
export const REDACTED = '[redacted]';

/** Shorter known values are not masked: they would match ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 6;

/**
 * Credential shapes. A pattern's first group, when it has one, is kept (the header
 * name, `Bearer `, `?token=`); what follows it in the match is the secret.
 */
const PATTERNS: readonly RegExp[] = [
  // OpenAI, Anthropic (sk-ant-…), OpenRouter (sk-or-v1-…), many compatible servers.
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  // GitHub tokens: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained.
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  // AWS access key ids (long-term and temporary).
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  // Google, Groq, xAI, Hugging Face, GitLab, Slack, Stripe.
  /\b(?:AIza[0-9A-Za-z_-]{20,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{20,})/g,
  /\b(?:glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|[rs]k_(?:live|test)_[A-Za-z0-9]{16,})/g,
  // Authorization: Bearer <token>, and a bare "Bearer <token>" in an error message.
  /(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{4,}/gi,
  // Credentials in query strings: ?token=…, &api_key=…, &key=…
  /([?&](?:token|access_token|refresh_token|api[_-]?key|apikey|key|auth|password|secret)=)[^&#\s"'<>]+/gi,
  // Headers or JSON fields naming a credential: x-api-key: …, "apiKey": "…", authorization=…
  /((?<![A-Za-z0-9_-])(?:x-api-key|api[_-]?key|authorization|x-goog-api-key|password|secret|access_token|refresh_token|token)["']?\s*[:=]\s*["']?)(?!Bearer\b|Basic\b)[^\s"',;}&]{4,}/gi,
  // user:password@ in URLs.
  /(\/\/[^/\s:@]+:)[^/\s@]+(?=@)/g,
];

/** Field names that hold credentials: dropped whole from structured metadata. */
const SECRET_FIELD =
  /^(api[-_]?key|x-api-key|secret|client[-_]?secret|password|authorization|proxy-authorization|cookie|(access|refresh|auth|bearer|id)[-_]?token)$/i;

/** Environment variables whose values are treated as secrets. */
const SECRET_ENV_NAME = /(KEY|TOKEN|SECRET|PASSWORD)$/i;

type Span = [start: number, end: number];

export class Redactor {
  private readonly known = new Set<string>();

  constructor(known: Iterable<string | undefined> = []) {
    for (const value of known) this.addSecret(value);
  }

  /** Masks `value` wherever it appears from now on (a key read from the store, an env key). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= MIN_KNOWN_SECRET_LENGTH) this.known.add(value);
  }

  /** Registers the values of variables like OPENAI_API_KEY, GITHUB_TOKEN, DB_PASSWORD. */
  addSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): void {
    for (const value of secretEnvValues(env)) this.addSecret(value);
  }

  redact(text: string): string {
    return this.redactPieces([text])[0]!;
  }

  /**
   * The pieces of one text (stream deltas, in order) with every secret in their
   * concatenation masked: the piece where a secret starts carries the marker, the
   * pieces it continues into lose their share of it.
   */
  redactPieces(pieces: readonly string[]): string[] {
    const joined = pieces.join('');
    const spans = this.spans(joined);
    if (spans.length === 0) return [...pieces];
    const out: string[] = [];
    let offset = 0;
    let next = 0;
    for (const piece of pieces) {
      const start = offset;
      const end = offset + piece.length;
      let text = '';
      let at = start;
      for (let i = next; i < spans.length && spans[i]![0] < end; i++) {
        const [s, e] = spans[i]!;
        if (e <= start) continue;
        text += joined.slice(at, Math.max(s, start));
        if (s >= start) text += REDACTED;
        at = Math.min(e, end);
      }
      text += joined.slice(at, end);
      while (next < spans.length && spans[next]![1] <= end) next++;
      out.push(text);
      offset = end;
    }
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

  /**
   * Structured metadata (a request description) without any field named like a
   * credential, and every remaining string redacted (§7).
   */
  withoutSecretFields(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.withoutSecretFields(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!SECRET_FIELD.test(k)) out[k] = this.withoutSecretFields(v, depth + 1);
    }
    return out;
  }

  /** Where secrets are in `text`, sorted and merged. */
  private spans(text: string): Span[] {
    const found: Span[] = [];
    for (const secret of this.known) {
      for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + secret.length))
        found.push([i, i + secret.length]);
    }
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const keep = m[1]?.length ?? 0;
        if (m[0].length > keep) found.push([m.index + keep, m.index + m[0].length]);
      }
    }
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Span[] = [];
    for (const span of found) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    return merged;
  }
}

/** `text` with the given known secrets and every credential shape masked. */
export function redactText(text: string, known: Iterable<string | undefined> = []): string {
  return new Redactor(known).redact(text);
}

/** The values of the environment variables treated as secrets (OPENAI_API_KEY, GITHUB_TOKEN, …). */
export function secretEnvValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([name, value]) => (value && SECRET_ENV_NAME.test(name) ? [value] : []));
}
