import type { Database } from 'better-sqlite3';
import { AttachmentStore } from '../attachments/AttachmentStore';
import { readCarriedPdfs, storeCarried, type CarriedPdfTexts } from '../attachments/importBlobs';
import type { Clock } from '../deps';
import type { ImportedRows } from '../store/ImportedRows';
import type { ImportRecords } from '../store/ImportRecords';
import type { MessageStore } from '../store/MessageStore';
import type { SourceConversation } from './types';

export interface WriteOutcome {
  conversationId: string;
  /** false: the conversation was imported before; only new messages were added. */
  created: boolean;
  messagesAdded: number;
}

/**
 * Writes one imported conversation in ONE transaction, so a kill mid-import leaves
 * only whole conversations. Messages already imported (same source ids) are left as
 * they are: importing the same export again adds nothing, and a newer export of the
 * same account adds only its new messages, below the ones they answer.
 */
export class ImportWriter {
  constructor(
    private readonly deps: {
      db: Database;
      rows: ImportedRows;
      messages: MessageStore;
      records: ImportRecords;
      clock: Clock;
    },
  ) {
    this.attachments = new AttachmentStore(deps.db);
  }

  private readonly attachments: AttachmentStore;

  /**
   * Before `write`, outside its transaction (pdf.js is async): the text of the
   * conversation's carried PDFs, for `write` to store with their bytes.
   */
  async readPdfs(conversation: SourceConversation): Promise<CarriedPdfTexts> {
    const carried = conversation.messages.flatMap((m) => m.attachments ?? []);
    return carried.length ? readCarriedPdfs(carried, (id) => this.attachments.has(id)) : new Map();
  }

  write(conversation: SourceConversation, pdfTexts: CarriedPdfTexts): WriteOutcome {
    const { db, rows, messages, records, clock } = this.deps;
    return db.transaction((c: SourceConversation): WriteOutcome => {
      const now = clock.now();
      let conversationId = records.conversationFor(c.source, c.sourceId);
      const created = conversationId === undefined;
      if (conversationId === undefined) {
        records.forgetDeleted(c.source, c.sourceId);
        conversationId = rows.createConversation(c);
        records.recordConversation(conversationId, c.source, c.sourceId, now);
      }
      const known = records.messagesFor(c.source, c.sourceId);
      let added = 0;
      for (const m of c.messages) {
        if (known.has(m.sourceId)) continue;
        // Parents come first (orderTree), so a parent is known by now: imported before or just now.
        const parentId = m.parentSourceId === null ? null : (known.get(m.parentSourceId) ?? null);
        const id = rows.insertMessage({
          conversationId,
          parentId,
          role: m.role,
          parts: m.parts,
          status: m.status,
          error: m.error ?? null,
          createdAt: m.createdAt,
          updatedAt: m.updatedAt,
          selectedAt: m.selectedAt ?? m.createdAt,
          providerId: m.providerId,
          providerName: m.providerName,
          model: m.model,
        });
        if (m.attachments) storeCarried(this.attachments, m.attachments, now, pdfTexts);
        known.set(m.sourceId, id);
        records.recordMessage(id, c.source, c.sourceId, m.sourceId, now);
        added++;
      }
      if (added > 0) {
        // The branch the source showed last is the one shown here.
        const leaf = c.shownLeafSourceId === null ? undefined : known.get(c.shownLeafSourceId);
        if (leaf !== undefined) messages.select(leaf);
        if (!created) rows.touchConversation(conversationId, c.updatedAt);
      }
      return { conversationId, created, messagesAdded: added };
    })(conversation);
  }
}
