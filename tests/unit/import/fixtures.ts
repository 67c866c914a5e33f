/**
 * Hand-built exports in the shapes ChatGPT and Claude document for their data
 * exports (never a real one: those hold personal data), and zips of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeZip } from '../../../electron/core/diagnostics/zip';

type Json = Record<string, unknown>;

const T0 = 1_700_000_000; // seconds, as ChatGPT writes times

function node(id: string, parent: string | null, children: string[], message: Json | null): Json {
  return { id, message, parent, children };
}

function msg(id: string, role: string, content: Json, t: number, extra: Json = {}): Json {
  return {
    id,
    author: { role, name: (extra.authorName as string) ?? null, metadata: {} },
    create_time: t,
    update_time: null,
    content,
    status: 'finished_successfully',
    end_turn: true,
    weight: 1,
    metadata: extra.metadata ?? {},
    recipient: extra.recipient ?? 'all',
  };
}

const text = (...parts: unknown[]) => ({ content_type: 'text', parts });

/**
 * A ChatGPT conversation with every kind of node:
 * root (no message) → hidden system → u1 "What is 6×7?" → a1 "42" and its
 * regeneration a1b "Forty-two" (current); u1 also has an edited sibling u1b, answered
 * by code + execution output + a final answer; and an image message in a2's branch.
 */
export function chatgptConversation(id = 'conv-gpt-1', title = 'Arithmetic'): Json {
  const mapping: Record<string, Json> = {
    root: node('root', null, ['sys'], null),
    sys: node('sys', 'root', ['u1', 'u1b'], {
      ...msg('sys', 'system', text(''), T0),
      metadata: { is_visually_hidden_from_conversation: true },
    }),
    u1: node('u1', 'sys', ['a1', 'a1b'], msg('u1', 'user', text('What is 6×7?'), T0 + 1)),
    a1: node(
      'a1',
      'u1',
      ['u2'],
      msg('a1', 'assistant', text('42'), T0 + 2, { metadata: { model_slug: 'gpt-4o' } }),
    ),
    a1b: node(
      'a1b',
      'u1',
      [],
      msg('a1b', 'assistant', text('Forty-two'), T0 + 3, { metadata: { model_slug: 'gpt-4o-mini' } }),
    ),
    u2: node(
      'u2',
      'a1',
      [],
      msg(
        'u2',
        'user',
        {
          content_type: 'multimodal_text',
          parts: [
            {
              content_type: 'image_asset_pointer',
              asset_pointer: 'file-service://file-IMG1',
              width: 640,
              height: 480,
            },
            'What is in this picture?',
          ],
        },
        T0 + 4,
      ),
    ),
    u1b: node('u1b', 'sys', ['code'], msg('u1b', 'user', text('Compute 6*7 in Python'), T0 + 5)),
    code: node(
      'code',
      'u1b',
      ['out'],
      msg('code', 'assistant', { content_type: 'code', language: 'python', text: 'print(6*7)' }, T0 + 6, {
        recipient: 'python',
        metadata: { model_slug: 'gpt-4o' },
      }),
    ),
    out: node(
      'out',
      'code',
      ['final'],
      msg('out', 'tool', { content_type: 'execution_output', text: '42\n' }, T0 + 7, {
        authorName: 'python',
      }),
    ),
    final: node(
      'final',
      'out',
      [],
      msg('final', 'assistant', text('The answer is 42.'), T0 + 8, { metadata: { model_slug: 'gpt-4o' } }),
    ),
  };
  return {
    title,
    create_time: T0,
    update_time: T0 + 8,
    mapping,
    moderation_results: [],
    current_node: 'a1b',
    conversation_id: id,
    id,
    default_model_slug: 'gpt-4o',
  };
}

/** A simple two-message ChatGPT conversation, for bulk files. */
export function chatgptSmall(i: number, body = `Question number ${i}`): Json {
  const id = `gpt-small-${i}`;
  return {
    title: `Small ${i}`,
    create_time: T0 + i,
    update_time: T0 + i + 1,
    conversation_id: id,
    current_node: `${id}-a`,
    mapping: {
      [`${id}-u`]: node(`${id}-u`, null, [`${id}-a`], msg(`${id}-u`, 'user', text(body), T0 + i)),
      [`${id}-a`]: node(
        `${id}-a`,
        `${id}-u`,
        [],
        msg(`${id}-a`, 'assistant', text(`Answer ${i}`), T0 + i + 1, { metadata: { model_slug: 'gpt-4o' } }),
      ),
    },
  };
}

const ROOT = '00000000-0000-4000-8000-000000000000';

/**
 * A Claude conversation with a retried answer (two replies to the first question,
 * the second one shown), an attachment with extracted text, an image file, thinking
 * and a tool call with its result.
 */
export function claudeConversation(uuid = 'claude-conv-1'): Json {
  const at = (s: number) => new Date((T0 + s) * 1000).toISOString();
  return {
    uuid,
    name: 'Reading a file',
    created_at: at(0),
    updated_at: at(9),
    account: { uuid: 'acct' },
    chat_messages: [
      {
        uuid: 'h1',
        text: 'Summarise this file',
        content: [{ type: 'text', text: 'Summarise this file' }],
        sender: 'human',
        created_at: at(1),
        updated_at: at(1),
        attachments: [
          {
            file_name: 'notes.txt',
            file_size: 20,
            file_type: 'text/plain',
            extracted_content: 'Quarterly notes: zebra',
          },
        ],
        files: [{ file_name: 'photo.png' }],
        parent_message_uuid: ROOT,
      },
      {
        uuid: 'c1',
        text: 'First try',
        content: [{ type: 'text', text: 'First try' }],
        sender: 'assistant',
        created_at: at(2),
        updated_at: at(2),
        attachments: [],
        files: [],
        parent_message_uuid: 'h1',
      },
      {
        uuid: 'c1b',
        text: '',
        content: [
          { type: 'thinking', thinking: 'The file is about zebras.' },
          { type: 'tool_use', id: 'tu1', name: 'search', input: { q: 'zebra' } },
          {
            type: 'tool_result',
            tool_use_id: 'tu1',
            name: 'search',
            content: [{ type: 'text', text: 'Zebras are striped.' }],
          },
          { type: 'text', text: 'It is about zebras.' },
        ],
        sender: 'assistant',
        created_at: at(3),
        updated_at: at(3),
        attachments: [],
        files: [],
        parent_message_uuid: 'h1',
      },
    ],
  };
}

/** An older Claude export: no parent_message_uuid, one message after another. */
export function claudeLinear(uuid = 'claude-linear'): Json {
  const at = (s: number) => new Date((T0 + s) * 1000).toISOString();
  return {
    uuid,
    name: 'Linear',
    created_at: at(0),
    updated_at: at(3),
    chat_messages: [
      { uuid: 'l1', text: 'Hello', sender: 'human', created_at: at(1), attachments: [], files: [] },
      { uuid: 'l2', text: 'Hi there', sender: 'assistant', created_at: at(2), attachments: [], files: [] },
      { uuid: 'l3', text: 'Bye', sender: 'human', created_at: at(3), attachments: [], files: [] },
    ],
  };
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

export function writeZipFile(dir: string, name: string, entries: { name: string; data: string }[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeZip(entries));
  return file;
}

/**
 * A one-entry zip whose entry is deflated (method 8), declaring `declaredSize` as its
 * uncompressed size: a zip bomb is a small file that inflates to a huge one.
 */
export function writeDeflatedZip(
  file: string,
  entryName: string,
  data: Buffer,
  declaredSize = data.length,
): void {
  const deflated = zlib.deflateRawSync(data);
  const nameBytes = Buffer.from(entryName);
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 10);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = 30 + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  fs.writeFileSync(file, Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]));
}
