import type { Message } from '../../../shared/api/schemas/messages';
import { addUsage, type Usage } from '../../../shared/usage';

export { usageText } from '../../../shared/usage';

/** Every reply's usage in the conversation, every version counted: each one was asked for. */
export function conversationUsage(messages: readonly Message[]): Usage | null {
  return messages.reduce<Usage | null>((sum, m) => addUsage(sum, m.usage), null);
}
