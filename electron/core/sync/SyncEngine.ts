/**
 * One sync pass: push what this library changed, then pull what others did, every
 * payload sealed here and opened here (crypto.ts). Connection, key derivation and
 * the passphrase check happen in `openSync`, before anything local changes: a wrong
 * passphrase leaves both sides exactly as they were.
 */
import { createHmac } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { deriveKey, newKdfParams, open, opensKeyCheck, seal, sealKeyCheck } from './crypto';
import {
  LocalSync,
  type IncomingBlock,
  type IncomingRecord,
  type OutgoingRecord,
  type SyncKind,
} from './LocalSync';
import { SyncServer, type SealedBlock, type SealedRecord } from './SyncServer';
import type { LoggedChunk } from '../stream/types';

export class SyncWrongPassphraseError extends Error {
  constructor() {
    super(
      'That passphrase does not unlock this sync library. Nothing was changed on this device or the server.',
    );
    this.name = 'SyncWrongPassphraseError';
  }
}

export interface SyncCounts {
  pushedRecords: number;
  pushedChunks: number;
  pulledRecords: number;
  pulledChunks: number;
}

const RECORDS_PER_PUSH = 500;
/** Rows' JSON per push, past the first record: bounds memory and the server transaction. */
const RECORD_BYTES_PER_PUSH = 32 * 1024 * 1024;
const CHUNKS_PER_BLOCK = 1000;

export class SyncEngine {
  constructor(
    private readonly local: LocalSync,
    private readonly server: SyncServer,
    private readonly key: Buffer,
    readonly deviceId: string,
  ) {}

  /** Pushes everything pending, then pulls until caught up. */
  async syncOnce(): Promise<SyncCounts> {
    const counts: SyncCounts = { pushedRecords: 0, pushedChunks: 0, pulledRecords: 0, pulledChunks: 0 };
    for (;;) {
      const pushed = await this.pushOnce();
      counts.pushedRecords += pushed.records;
      counts.pushedChunks += pushed.chunks;
      if (!pushed.moreRecords && !pushed.moreChunks) break;
    }
    for (;;) {
      const pulled = await this.pullOnce();
      counts.pulledRecords += pulled.records;
      counts.pulledChunks += pulled.chunks;
      if (!pulled.more) break;
    }
    return counts;
  }

  async pushOnce(): Promise<{ records: number; chunks: number; moreRecords: boolean; moreChunks: boolean }> {
    const { records: outgoing, full: moreRecords } = this.local.outbox(
      RECORDS_PER_PUSH,
      RECORD_BYTES_PER_PUSH,
    );
    const records = outgoing.map((r) => this.sealRecord(r));
    const candidates = this.local.chunkCandidates();
    const cursors = await this.server.chunkCursors(candidates);
    const blocks: SealedBlock[] = [];
    const done: [string, number][] = [];
    let chunks = 0;
    let moreChunks = false;
    for (const streamId of candidates) {
      const after = cursors.get(streamId) ?? -1;
      const page = this.local.readChunks(streamId, after, CHUNKS_PER_BLOCK);
      if (page.length === CHUNKS_PER_BLOCK) moreChunks = true;
      if (page.length > 0) {
        blocks.push(this.sealBlock(streamId, page));
        chunks += page.length;
      }
      done.push([streamId, page.length > 0 ? page[page.length - 1]!.seq : after]);
    }
    await this.server.push(records, blocks);
    this.local.markPushed(outgoing, this.deviceId);
    for (const [streamId, seq] of done) this.local.markChunksPushed(streamId, seq);
    return { records: outgoing.length, chunks, moreRecords, moreChunks };
  }

  async pullOnce(): Promise<{ records: number; chunks: number; more: boolean }> {
    const pulled = await this.server.pull(this.local.pullRev());
    const records: IncomingRecord[] = pulled.records
      .filter((r) => r.device !== this.deviceId)
      .map((r) => {
        const row =
          r.deleted || !r.body
            ? null
            : (JSON.parse(open(this.key, aadOf(r.kind, r.id), r.body).toString()) as Record<string, unknown>);
        // An attachment's id is its hash, which the server only sees keyed (serverId).
        const id = r.kind === 'attachment' && row ? String(row.id) : r.id;
        return { kind: r.kind as SyncKind, id, hlc: BigInt(r.hlc), device: r.device, row };
      });
    const blocks: IncomingBlock[] = pulled.blocks
      .filter((b) => b.device !== this.deviceId)
      .map((b) => ({
        streamId: b.streamId,
        chunks: JSON.parse(
          open(this.key, blockAad(b.streamId, b.firstSeq, b.lastSeq), b.body).toString(),
        ) as LoggedChunk[],
      }));
    this.local.apply(records, blocks, pulled.rev);
    return {
      records: records.length,
      chunks: blocks.reduce((n, b) => n + b.chunks.length, 0),
      more: pulled.more,
    };
  }

  /**
   * The id the server knows a record by. An attachment's id is the SHA-256 of its bytes:
   * in the clear it would let the server test whether a given file is in the library,
   * so the server sees an HMAC of it under the library's key instead.
   */
  private serverId(r: OutgoingRecord): string {
    return r.kind === 'attachment'
      ? createHmac('sha256', this.key).update(`attachment:${r.id}`).digest('hex')
      : r.id;
  }

  private sealRecord(r: OutgoingRecord): SealedRecord {
    const id = this.serverId(r);
    return {
      kind: r.kind,
      id,
      hlc: r.hlc.toString(),
      device: this.deviceId,
      deleted: r.row === null,
      body: r.row === null ? null : seal(this.key, aadOf(r.kind, id), Buffer.from(JSON.stringify(r.row))),
    };
  }

  private sealBlock(streamId: string, page: LoggedChunk[]): SealedBlock {
    const firstSeq = page[0]!.seq;
    const lastSeq = page[page.length - 1]!.seq;
    const plain = page.map((c) => ({ streamId, seq: c.seq, tMs: c.tMs, chunk: c.chunk }));
    return {
      streamId,
      firstSeq,
      lastSeq,
      device: this.deviceId,
      body: seal(this.key, blockAad(streamId, firstSeq, lastSeq), Buffer.from(JSON.stringify(plain))),
    };
  }
}

const aadOf = (kind: string, id: string) => `record:${kind}:${id}`;
const blockAad = (streamId: string, first: number, last: number) => `chunks:${streamId}:${first}:${last}`;

/**
 * Connects to the server, derives the key and checks the passphrase; only then turns
 * sync on for this library (a first device stores the key check for the others).
 */
export async function openSync(options: {
  db: Database;
  url: string;
  passphrase: string;
  newDeviceId: () => string;
}): Promise<{ engine: SyncEngine; server: SyncServer }> {
  const server = await SyncServer.connect(options.url);
  try {
    let material = await server.keyMaterial();
    let key: Buffer;
    if (material) {
      key = await deriveKey(options.passphrase, material.kdf);
    } else {
      const kdf = newKdfParams();
      key = await deriveKey(options.passphrase, kdf);
      material = await server.initKeyMaterial({ kdf, keyCheck: sealKeyCheck(key) });
      // Another device may have set the library up at the same moment: its salt wins.
      if (material.kdf.salt !== kdf.salt) key = await deriveKey(options.passphrase, material.kdf);
    }
    if (!opensKeyCheck(key, material.keyCheck)) throw new SyncWrongPassphraseError();
    const local = new LocalSync(options.db);
    local.enable(options.newDeviceId());
    return { engine: new SyncEngine(local, server, key, local.deviceId()!), server };
  } catch (err) {
    await server.close();
    throw err;
  }
}
