import { createStore } from 'zustand/vanilla';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../../shared/api/schemas/attachments';
import type { ApiClient } from '../api/client';

const NONE: readonly Attachment[] = [];

export interface AttachmentsState {
  /** What is attached to each conversation's draft, as main has it (stored before it is shown). */
  drafts: Readonly<Record<string, readonly Attachment[]>>;
  /** Files being read and stored, per conversation, so Send waits for them. */
  adding: Readonly<Record<string, number>>;
  /** Data URLs of images already fetched, by attachment id. */
  previews: Readonly<Record<string, string>>;
  load(conversationId: string): Promise<void>;
  /**
   * Stores each file in main and puts it on the draft. Refusals (too large, a type Spool
   * does not take, an image that is not what its name says, an unreadable PDF) throw
   * with main's words, one per file, after the others were added.
   */
  add(conversationId: string, files: readonly File[]): Promise<void>;
  remove(conversationId: string, attachmentId: string): Promise<void>;
  /** After a send took them off the draft in main. */
  sent(conversationId: string): void;
  preview(attachmentId: string): Promise<string>;
}

function base64Of(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000)
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A pasted image has no useful name ("image.png"); it gets one that says when. */
function nameOf(file: File): string {
  return file.name || `pasted-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

export function draftAttachments(
  state: AttachmentsState,
  conversationId: string | null,
): readonly Attachment[] {
  return (conversationId && state.drafts[conversationId]) || NONE;
}

export function createAttachmentsStore(client: ApiClient) {
  return createStore<AttachmentsState>()((set, get) => {
    const put = (conversationId: string, list: readonly Attachment[]) =>
      set((s) => ({ drafts: { ...s.drafts, [conversationId]: list } }));
    const busy = (conversationId: string, delta: number) =>
      set((s) => ({ adding: { ...s.adding, [conversationId]: (s.adding[conversationId] ?? 0) + delta } }));

    return {
      drafts: {},
      adding: {},
      previews: {},
      async load(conversationId) {
        const { attachments } = await client.call('attachments.draft', { conversationId });
        put(conversationId, attachments);
      },
      async add(conversationId, files) {
        const refusals: string[] = [];
        busy(conversationId, files.length);
        for (const file of files) {
          try {
            if (file.size > MAX_ATTACHMENT_BYTES) {
              // Checked before reading: a 1 GB file is never read into the window.
              const mib = (file.size / 1024 / 1024).toFixed(1);
              throw new Error(
                `${nameOf(file)} is too large (${mib} MiB): an attachment may be at most 10 MiB.`,
              );
            }
            const dataBase64 = base64Of(await file.arrayBuffer());
            const added = await client.call('attachments.add', {
              conversationId,
              name: nameOf(file),
              dataBase64,
            });
            const list = get().drafts[conversationId] ?? NONE;
            put(conversationId, [...list.filter((a) => a.id !== added.id), added]);
          } catch (err) {
            refusals.push(err instanceof Error ? err.message : String(err));
          } finally {
            busy(conversationId, -1);
          }
        }
        if (refusals.length) throw new Error(refusals.join(' '));
      },
      async remove(conversationId, attachmentId) {
        await client.call('attachments.remove', { conversationId, attachmentId });
        put(
          conversationId,
          (get().drafts[conversationId] ?? NONE).filter((a) => a.id !== attachmentId),
        );
      },
      sent(conversationId) {
        put(conversationId, NONE);
      },
      async preview(attachmentId) {
        const known = get().previews[attachmentId];
        if (known) return known;
        const { mediaType, dataBase64 } = await client.call('attachments.content', { id: attachmentId });
        const url = `data:${mediaType};base64,${dataBase64}`;
        set((s) => ({ previews: { ...s.previews, [attachmentId]: url } }));
        return url;
      },
    };
  });
}
export type AttachmentsStore = ReturnType<typeof createAttachmentsStore>;
