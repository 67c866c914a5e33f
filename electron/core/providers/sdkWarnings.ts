/**
 * The AI SDK's own console output never reaches a user: by default it prints warnings
 * with console.warn and, the first time, an "AI SDK Warning System: To turn off …"
 * line with console.info — on stdout, after a reply `spool chat` printed there. Its
 * documented hook (the AI_SDK_LOG_WARNINGS global, set to a function) sends every
 * warning to the Spool logs open in this process instead (the CLI shows them on stderr
 * with --verbose). A global because the SDK reads one; each SpoolCore adds its log.
 */
type Sink = (line: string) => void;

interface SdkWarnings {
  warnings: readonly Record<string, unknown>[];
  provider: string;
  model: string;
}

const sinks = new Set<Sink>();

function describe(warning: Record<string, unknown>): string {
  if (typeof warning.message === 'string') return warning.message;
  const parts = [
    typeof warning.feature === 'string' ? `"${warning.feature}"` : '',
    typeof warning.details === 'string' ? warning.details : '',
  ].filter(Boolean);
  return `${String(warning.type ?? 'warning')}: ${parts.join(' ')}`;
}

function logWarnings({ warnings, provider, model }: SdkWarnings): void {
  for (const warning of warnings) {
    const line = `AI SDK warning (${provider} / ${model}): ${describe(warning)}`;
    for (const sink of sinks) sink(line);
  }
}

/** Routes the SDK's warnings to `sink` until the returned function is called. */
export function routeSdkWarnings(sink: Sink): () => void {
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = logWarnings;
  sinks.add(sink);
  return () => void sinks.delete(sink);
}
