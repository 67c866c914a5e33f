import type { DragEvent } from 'react';

/** The drag data type of a conversation row dragged onto a folder. */
const TYPE = 'application/x-spool-conversation';

export function startDraggingConversation(e: DragEvent, id: string): void {
  e.dataTransfer.setData(TYPE, id);
  e.dataTransfer.effectAllowed = 'move';
}

/** Whether what is dragged is a conversation (its id is readable only on drop). */
export function isDraggingConversation(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(TYPE);
}

export function droppedConversation(e: DragEvent): string | null {
  return e.dataTransfer.getData(TYPE) || null;
}
