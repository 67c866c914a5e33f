import { benchDb, delta20, nextTurn } from './lib/setup';
const [ckpt, win] = process.argv.slice(2);
const b = benchDb();
if (ckpt) b.db.pragma('wal_autocheckpoint = ' + ckpt);
const engine = b.engine({ commitWindowMs: Number(win ?? 0) });
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
console.error(JSON.stringify({ a: process.argv.slice(2).join(','), p50: +s[15000].toFixed(3), p99: +s[29700].toFixed(2), max: +s[29999].toFixed(1) }));
b.cleanup();
