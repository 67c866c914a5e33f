/**
 * A Spool process that attaches a file to a conversation's draft through the API (as a
 * window does), says so on stdout, and then waits to be killed before anything is sent.
 * Usage: node --import tsx attachThenWait.ts DATA_DIR CONVERSATION_ID NAME BASE64
 */
import { SpoolCore } from '../../../electron/core/SpoolCore';

const [dataDir, conversationId, name, dataBase64] = process.argv.slice(2) as [string, string, string, string];
const core = SpoolCore.open({ dataDir, mode: 'test', env: {}, log: () => {} });
const client = core.connect(() => {});
const result = await client.call('attachments.add', { conversationId, name, dataBase64 });
await client.call('drafts.set', { conversationId, text: 'What is in this picture?' });
process.stdout.write(`${JSON.stringify(result)}\n`);
setInterval(() => {}, 60_000);
