import type { CoreClient, SpoolCore } from '../../core/SpoolCore';
import { EXIT, type ExitCode } from '../exit';
import { warn, type CliIo } from '../io';
import { printReply } from './printReply';

/**
 * Prints a started reply (chat, regenerate, continue) as `printReply` does — only
 * committed chunks — with Ctrl-C / SIGTERM stopping it, and turns how it ended into
 * the exit code: 0 complete, 1 failed or ended early, 130 / 143 when interrupted.
 */
export async function followReply(
  core: SpoolCore,
  client: CoreClient,
  io: CliIo,
  reply: { message: { id: string }; streamId: string },
): Promise<ExitCode> {
  const stop = () => void client.call('chat.stop', { messageId: reply.message.id });
  io.signal.addEventListener('abort', stop, { once: true });
  if (io.signal.aborted) stop();
  const end = await printReply(core, io, reply.streamId);
  io.signal.removeEventListener('abort', stop);
  if (io.stdout.isTTY) io.stdout.write('\n');
  if (io.signal.aborted) return io.signal.reason === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  if (end.status === 'complete') return EXIT.ok;
  if (end.status === 'error') {
    warn(
      io,
      `the provider failed the reply${end.error ? ` (${end.error.code}): ${end.error.message}` : '.'}`,
    );
  } else {
    warn(io, `the reply ended ${end.status === 'cancelled' ? 'stopped' : end.status} before it finished.`);
  }
  return EXIT.providerError;
}
