/**
 * Secrets out of anything a diagnostics bundle carries. Every key Spool knows (the
 * stored ones, the environment's) is replaced wherever it appears; on top of that,
 * things shaped like credentials are masked, for keys Spool never saw (pasted into a
 * prompt, echoed by a provider).
 */
const PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI, Anthropic (sk-ant-…), many compatible servers
  /\b(?:AIza[0-9A-Za-z_-]{20,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{20,})/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /("?(?:api[_-]?key|x-api-key|authorization|password|secret|token)"?\s*[:=]\s*"?)[^"\s,}&]{4,}/gi,
  /(\/\/[^/\s:@]+:)[^/\s@]+@/g, // user:password@ in URLs
  /([?&](?:key|api_key|apikey|token|access_token)=)[^&\s"]+/gi,
];

export function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of known) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string, prefix?: unknown) =>
      typeof prefix === 'string' ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}
