import { benchDb, delta20, nextTurn } from './lib/setup';
import { ChunkWriter } from '../electron/core/stream/ChunkWriter';
const commitTimes: number[] = [];
const orig = ChunkWriter.prototype.commit;
ChunkWriter.prototype.commit = function (rows, ends) { const t = performance.now(); orig.call(this, rows, ends); commitTimes.push(performance.now() - t); };
const windowMs = Number(process.argv[2] ?? 0);
const b = benchDb();
const engine = b.engine({ commitWindowMs: windowMs });
const h = engine.start({ messageId: b.newMessage() });
const total = 30000, rate = 10000;
const sentAt = new Float64Array(total), lat = new Float64Array(total);
let got = 0;
engine.subscribe(h.id, -1, (items) => { const now = performance.now(); for (const i of items) lat[i.seq] = now - sentAt[i.seq]; got += items.length; });
await nextTurn();
const start = performance.now(); let n = 0; const interval = 1000 / rate;
await new Promise<void>((resolve) => {
  const tick = () => {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    while (n < due) { sentAt[n] = performance.now(); h.append(delta20(n)); n++; }
    if (n >= total) return resolve();
    const wait = start + n * interval - performance.now();
    if (wait > 2) setTimeout(tick, wait - 1); else setImmediate(tick);
  };
  tick();
});
while (got < total) await new Promise((r) => setTimeout(r, 5));
const s = Array.from(lat).sort((a, b) => a - b);
const c = commitTimes.sort((a, b) => a - b);
console.log(JSON.stringify({ dir: b.dir.slice(0, 9), windowMs, p50: s[15000].toFixed(3), p99: s[29700].toFixed(2), max: s[29999].toFixed(1), commits: c.length, cMax: c[c.length - 1].toFixed(1), slow: c.filter((x) => x > 3).length }));
b.cleanup();
