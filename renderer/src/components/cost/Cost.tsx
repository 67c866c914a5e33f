import { useStore } from 'zustand';
import { costOf, costText, totalCost, type ModelPrice } from '../../../../shared/cost';
import type { Message } from '../../../../shared/api/schemas/messages';
import { useStores } from '../../stores/context';

const NONE: readonly ModelPrice[] = [];

function usePrices(): readonly ModelPrice[] {
  const { app } = useStores();
  return useStore(app, (s) => s.settings?.modelPrices ?? NONE);
}

/** A reply's cost, when its model has a price in Settings → Prices. */
export function ReplyCost({ message }: { message: Pick<Message, 'usage' | 'model'> }) {
  const cost = costOf(message.usage, message.model, usePrices());
  if (cost === null) return null;
  return (
    <span className="message-cost" aria-label="Cost" title="from the prices in Settings → Prices">
      {costText(cost)}
    </span>
  );
}

/** Every priced reply of the conversation, every version: each one was asked for. */
export function ConversationCost({ messages }: { messages: readonly Message[] }) {
  const cost = totalCost(messages, usePrices());
  if (cost === null) return null;
  return (
    <span
      className="conversation-cost"
      aria-label="Conversation cost"
      title="every priced reply, every version"
    >
      {costText(cost)}
    </span>
  );
}
