import { ReplyParams } from '../../../shared/api/schemas/params';
import { SystemPrompt } from '../../../shared/api/schemas/conversations';
import { CliError, EXIT } from '../exit';

/** What `spool chat` sets on the conversation before sending: --system and the parameters. */
export interface ChatSettingsFlags {
  system?: string;
  params: ReplyParams;
}

const NUMBER_FLAGS = [
  ['temperature', 'temperature'],
  ['top-p', 'topP'],
  ['max-tokens', 'maxOutputTokens'],
] as const;

/**
 * Reads --system, --temperature, --top-p and --max-tokens, checked with the API's own
 * schemas, so bad input is refused (exit 2) before anything is written.
 */
export function parseChatSettings(values: Record<string, unknown>): ChatSettingsFlags {
  const candidate: Record<string, number> = {};
  for (const [flag, key] of NUMBER_FLAGS) {
    const text = values[flag];
    if (typeof text !== 'string') continue;
    const n = Number(text);
    if (!text.trim() || !Number.isFinite(n))
      throw new CliError(`chat: --${flag} must be a number, not "${text}".`, EXIT.usage);
    candidate[key] = n;
  }
  const params = ReplyParams.safeParse(candidate);
  if (!params.success) throw new CliError(`chat: ${params.error.issues[0]!.message}.`, EXIT.usage);
  const system = values.system;
  if (typeof system === 'string') {
    const checked = SystemPrompt.safeParse(system);
    if (!checked.success)
      throw new CliError(`chat: --system: ${checked.error.issues[0]!.message}.`, EXIT.usage);
  }
  return { params: params.data, ...(typeof system === 'string' ? { system } : {}) };
}
