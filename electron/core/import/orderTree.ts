import { SkippedConversation, type SourceMessage } from './types';

/**
 * Puts a conversation's messages parents-first, refusing what is not a tree: a parent
 * that is not in the conversation, a duplicate id, or a cycle. Siblings keep the
 * order they came in.
 */
export function orderTree(
  conversation: { sourceId: string; title: string },
  messages: readonly SourceMessage[],
): SourceMessage[] {
  const skip = (reason: string) => new SkippedConversation(conversation.sourceId, conversation.title, reason);
  const byId = new Map<string, SourceMessage>();
  for (const m of messages) {
    if (byId.has(m.sourceId)) throw skip(`message ${m.sourceId} appears twice`);
    byId.set(m.sourceId, m);
  }
  const children = new Map<string | null, SourceMessage[]>();
  for (const m of messages) {
    if (m.parentSourceId !== null && !byId.has(m.parentSourceId)) {
      throw skip(`message ${m.sourceId} answers ${m.parentSourceId}, which is not in the export`);
    }
    const list = children.get(m.parentSourceId) ?? [];
    list.push(m);
    children.set(m.parentSourceId, list);
  }
  const ordered: SourceMessage[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const m = stack.pop()!;
    ordered.push(m);
    const below = children.get(m.sourceId);
    if (below) for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
  }
  // Whatever a walk from the roots never reached hangs in a loop of parents.
  if (ordered.length !== messages.length) {
    const reached = new Set(ordered.map((m) => m.sourceId));
    const stuck = messages.find((m) => !reached.has(m.sourceId))!;
    throw skip(`message ${stuck.sourceId} is part of a cycle of parents`);
  }
  return ordered;
}
