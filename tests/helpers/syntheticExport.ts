/**
 * A synthetic ChatGPT export (`conversations.json`) of any size, written conversation
 * by conversation so even a 200 MB one never sits in memory. Each conversation is a
 * chain of user/assistant turns whose last answer was regenerated once (a branch),
 * so imports of it exercise the tree. Words are drawn from a fixed list with a seeded
 * generator: the same options give the same bytes.
 */
import fs from 'node:fs';

export interface SyntheticOptions {
  conversations: number;
  /** Turns (a question and its answer) per conversation; the last answer has two versions. */
  turns: number;
  /** About this many characters of text per message. */
  textChars: number;
}

export interface SyntheticExport {
  file: string;
  conversations: number;
  /** Messages an import of it adds (every version counted). */
  messages: number;
  bytes: number;
}

const WORDS =
  'the spool keeps every chunk of a reply durable before any window sees it while models stream answers about rivers mountains code tests kernels databases and tea'.split(
    ' ',
  );

function words(seed: { s: number }, chars: number): string {
  let out = '';
  while (out.length < chars) {
    seed.s = (seed.s * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += (out ? ' ' : '') + WORDS[seed.s % WORDS.length];
  }
  return out;
}

/** Messages one synthetic conversation imports as. */
export const messagesPerConversation = (turns: number) => turns * 2 + 1;

export function syntheticConversation(
  i: number,
  o: Omit<SyntheticOptions, 'conversations'>,
  seed = { s: i + 1 },
) {
  const id = `synthetic-${i}`;
  const t0 = 1_600_000_000 + i * 100;
  const mapping: Record<string, unknown> = {};
  let parent: string | null = null;
  const add = (nodeId: string, role: string, t: number, text: string) => {
    mapping[nodeId] = {
      id: nodeId,
      parent,
      children: [],
      message: {
        id: nodeId,
        author: { role },
        create_time: t,
        content: { content_type: 'text', parts: [text] },
        status: 'finished_successfully',
        metadata: role === 'assistant' ? { model_slug: 'gpt-4o' } : {},
      },
    };
    if (parent) (mapping[parent] as { children: string[] }).children.push(nodeId);
  };
  for (let turn = 0; turn < o.turns; turn++) {
    const u = `${id}-u${turn}`;
    add(u, 'user', t0 + turn * 2, `${id} question ${turn}: ${words(seed, o.textChars)}`);
    parent = u;
    const a = `${id}-a${turn}`;
    add(a, 'assistant', t0 + turn * 2 + 1, words(seed, o.textChars));
    if (turn === o.turns - 1) add(`${a}-again`, 'assistant', t0 + turn * 2 + 1.5, words(seed, o.textChars));
    parent = a;
  }
  return {
    title: `Synthetic ${i}`,
    create_time: t0,
    update_time: t0 + o.turns * 2,
    conversation_id: id,
    current_node: `${id}-a${o.turns - 1}-again`,
    mapping,
  };
}

export function writeSyntheticExport(file: string, o: SyntheticOptions): SyntheticExport {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = (s: string) => (bytes += fs.writeSync(fd, s));
  try {
    write('[');
    for (let i = 0; i < o.conversations; i++)
      write((i ? ',' : '') + JSON.stringify(syntheticConversation(i, o)));
    write(']');
  } finally {
    fs.closeSync(fd);
  }
  return {
    file,
    conversations: o.conversations,
    messages: o.conversations * messagesPerConversation(o.turns),
    bytes,
  };
}
