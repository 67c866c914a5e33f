import { APP_VERSION } from '../core/version';
import { parseCommandArgs, type Command } from './command';
import { chatCommand } from './commands/chat';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { listCommand } from './commands/list';
import { recoverCommand } from './commands/recover';
import { continueCommand, regenerateCommand } from './commands/replyAgain';
import { statsCommand } from './commands/stats';
import { syncCommand } from './commands/sync';
import { CliError, EXIT, type ExitCode } from './exit';
import { warn, type CliIo } from './io';
import { describe } from './library';

export const COMMANDS: readonly Command[] = [
  chatCommand,
  regenerateCommand,
  continueCommand,
  listCommand,
  exportCommand,
  recoverCommand,
  inspectCommand,
  statsCommand,
  importCommand,
  syncCommand,
];

export function usage(): string {
  const lines = [
    'Usage: spool <command> [flags]   (every command takes --data-dir DIR, --verbose and --help)',
    '',
    'Commands:',
  ];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `spool <command> --help` for its flags. Exit codes: see electron/cli/README.md.');
  return lines.join('\n') + '\n';
}

/**
 * Runs one `spool` invocation and returns its exit code; never exits the process
 * itself (main.ts does), so every failure is a clear line on stderr plus its code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(usage());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`spool ${APP_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    warn(io, `unknown command "${name}".`);
    io.stderr.write(usage());
    return EXIT.usage;
  }
  try {
    const parsed = parseCommandArgs(command, rest, io.env);
    if (parsed.help) {
      io.stdout.write(`Usage: ${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run({ io: { ...io, verbose: parsed.ctx.values.verbose === true }, ...parsed.ctx });
  } catch (err) {
    if (err instanceof CliError) {
      warn(io, err.message);
      if (err.exitCode === EXIT.usage) io.stderr.write(`Usage: ${command.usage}\n`);
      return err.exitCode;
    }
    warn(io, `${name} failed: ${describe(err)}`);
    return EXIT.failed;
  }
}
