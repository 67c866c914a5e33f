import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../core/paths';
import { CliError, EXIT, type ExitCode } from './exit';
import type { CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  io: CliIo;
  dataDir: string;
  values: Values;
  positionals: string[];
}

/** One `spool` command: its flags (parsed strictly), its usage line, and what it does. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Options;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(ctx: CommandContext): Promise<ExitCode>;
}

const COMMON: Options = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
};

export type Parsed = { help: true } | { help: false; ctx: Omit<CommandContext, 'io'> };

/** Strict parsing: an unknown flag, a missing value or a stray argument is a usage error (exit 2). */
export function parseCommandArgs(command: Command, argv: string[], env: NodeJS.ProcessEnv): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON, ...command.options },
      strict: true,
      allowPositionals: command.positionals.max > 0,
    });
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage);
  }
  const values = parsed.values as Values;
  if (values.help) return { help: true };
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min) throw new CliError(`${command.name}: missing argument.`, EXIT.usage);
  if (parsed.positionals.length > max) {
    throw new CliError(`${command.name}: unexpected argument "${parsed.positionals[max]}".`, EXIT.usage);
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === '') throw new CliError(`--${name} must not be empty.`, EXIT.usage);
  }
  const dataDir = path.resolve(
    (values['data-dir'] as string | undefined) ?? defaultDataDir(process.platform, env),
  );
  return { help: false, ctx: { dataDir, values, positionals: parsed.positionals } };
}
