/** Secrets out of anything a diagnostics bundle carries, by core's one redactor (../redact). */
import { Redactor, redactJsonLines } from '../redact';

export function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  return new Redactor(known).redact(text);
}

/** A chunk log, redacted as the texts it streamed: a key split across chunks is masked too. */
export function redactChunkLog(jsonl: string, known: readonly (string | undefined)[] = []): string {
  return redactJsonLines(jsonl, new Redactor(known));
}
