import fs from 'node:fs';
import { eventViolation, replyViolation, type ContractCheck } from '../../../shared/api/contractCheck';

/**
 * Checks every reply and event against its schema and appends each violation to `file`
 * as one JSON line (`{"violation": "…"}`). Appended synchronously: a host killed right
 * after still left it for the test to read. Never throws into the core: a violation is
 * the test's failure, not the reply's.
 */
export function contractCheckLog(file: string): ContractCheck {
  const record = (find: () => string | null) => {
    let violation: string | null = null;
    try {
      violation = find();
      if (violation) fs.appendFileSync(file, JSON.stringify({ violation }) + '\n');
    } catch (err) {
      // Still never into the core: the run's stderr is the last place left to say it.
      process.stderr.write(`spool: could not write to ${file} (${String(err)}): ${violation}\n`);
    }
  };
  return {
    reply: (channel, result) => record(() => replyViolation(channel, result)),
    event: (event) => record(() => eventViolation(event)),
  };
}
