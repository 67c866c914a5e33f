/**
 * The process the compaction crash test kills (`node --import tsx
 * tests/torture/compactChild.ts <database file>`): opens the library and compacts
 * every finished stream, one transaction each, as fast as it can. Prints `R` once
 * open and `C <streamId>` after each compaction committed; the test SIGKILLs it at a
 * random moment, usually inside a compaction.
 */
import { openDatabase } from '../../electron/core/db/openDatabase';
import { compactStream } from '../../electron/core/stream/compactStream';
import { line } from './report';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: compactChild.ts <database file>');
const { db } = openDatabase({ file });
const candidates = db
  .prepare<[], string>(
    `SELECT id FROM streams s WHERE status != 'streaming'
        AND NOT EXISTS (SELECT 1 FROM packed_streams p WHERE p.no = s.no) ORDER BY no`,
  )
  .pluck();
line('R');
for (const id of candidates.all()) {
  if (compactStream(db, id, Date.now()).compacted) line(`C ${id}`);
}
db.close();
line('D');
