import type { ApiResult } from '../../../shared/api/result';
import type { Message } from '../../../shared/api/schemas/messages';
import { buildTree, shownPath, versionsOf } from '../../../shared/tree';
import type { Command } from '../command';
import { EXIT } from '../exit';
import { print } from '../io';
import { openLibrary } from '../library';

/**
 * `spool list [--json]`: conversations, newest first, each with every version of its
 * messages in creation order: id, parentId, role, status, createdAt, whether it is on
 * the shown branch, its version among its siblings, and who answered.
 */
export const listCommand: Command = {
  name: 'list',
  usage: 'spool list [--json] [--data-dir DIR]',
  summary: 'conversations with their messages',
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ io, dataDir, values }) {
    const core = await openLibrary(io, dataDir, { mustExist: true });
    try {
      const client = core.connect(() => {});
      const listed = must(await client.call('conversations.list', {}));
      const messagesOf = new Map<string, Message[]>();
      for (const c of listed) {
        messagesOf.set(c.id, must(await client.call('messages.list', { conversationId: c.id })));
      }
      client.dispose();
      const conversations = listed.map((c) => {
        const messages = messagesOf.get(c.id)!;
        const tree = buildTree(messages);
        const shown = new Set(shownPath(tree).map((m) => m.id));
        return {
          ...c,
          messages: messages.map((m) => {
            const { index, count } = versionsOf(tree, m.id);
            return {
              id: m.id,
              parentId: m.parentId,
              role: m.role,
              status: m.status,
              createdAt: m.createdAt,
              shown: shown.has(m.id),
              version: { index, count },
              providerId: m.providerId,
              providerName: m.providerName,
              model: m.model,
            };
          }),
        };
      });
      if (values.json) {
        await print(io, JSON.stringify({ conversations }, null, 2) + '\n');
        return EXIT.ok;
      }
      if (conversations.length === 0) {
        await print(io, 'No conversations.\n');
        return EXIT.ok;
      }
      const lines: string[] = [];
      for (const c of conversations) {
        const model = [c.provider, c.model].filter(Boolean).join(' / ');
        lines.push(`${c.id}  ${c.title}${model ? `  [${model}]` : ''}  (updated ${iso(c.updatedAt)})`);
        for (const m of c.messages) {
          const version = m.version.count > 1 ? `  version ${m.version.index}/${m.version.count}` : '';
          const hidden = m.shown ? '' : '  (not shown)';
          lines.push(
            `  ${m.id}  ${m.role.padEnd(9)} ${m.status.padEnd(11)} ${iso(m.createdAt)}${version}${hidden}`,
          );
        }
      }
      await print(io, lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await core.close();
    }
  },
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function must<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
