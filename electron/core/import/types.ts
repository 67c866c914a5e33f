import type {
  MessageError,
  MessagePart,
  MessageRole,
  MessageStatus,
} from '../../../shared/api/schemas/messages';
import type { ImportSource } from '../store/ImportRecords';

/** One message of an export, in Spool's shapes, still keyed by the source's ids. */
export interface SourceMessage {
  sourceId: string;
  /** The source id of the message it answers or follows; null for a first message. */
  parentSourceId: string | null;
  role: MessageRole;
  parts: MessagePart[];
  status: MessageStatus;
  error?: MessageError | null;
  /** Original times, ms since the epoch. */
  createdAt: number;
  updatedAt: number;
  providerId: string | null;
  providerName: string | null;
  model: string | null;
  /** Spool's own exports keep which version was shown; others use `shownLeafSourceId`. */
  selectedAt?: number;
  /** Spool's own JSON exports carry the bytes of a message's attachments (base64). */
  attachments?: { id: string; mediaType: string; dataBase64: string }[];
}

/** One conversation of an export, ready to be written (messages: parents before children). */
export interface SourceConversation {
  source: ImportSource;
  sourceId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: SourceMessage[];
  /** The message the source showed last (ChatGPT's current_node); null: the latest. */
  shownLeafSourceId: string | null;
}

/** A conversation the export holds but that cannot be imported as it is; the rest goes on. */
export class SkippedConversation extends Error {
  constructor(
    readonly sourceId: string,
    readonly title: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'SkippedConversation';
  }
}
