const N = 1_000_000;
let t = performance.now();
const wm = new WeakMap<object, object>();
const cur = {};
let s: { parts: { text: string }[] } = { parts: [{ text: '' }] };
for (let i = 0; i < N; i++) {
  const parts = s.parts.slice();
  const p = parts[0]!;
  parts[0] = { ...p, text: p.text + 'abcdefghijklmnopqrst' };
  s = { parts };
  wm.set(s, cur);
}
console.log('with weakmap', performance.now() - t);
t = performance.now();
s = { parts: [{ text: '' }] };
for (let i = 0; i < N; i++) {
  const parts = s.parts.slice();
  const p = parts[0]!;
  parts[0] = { ...p, text: p.text + 'abcdefghijklmnopqrst' };
  s = { parts };
}
console.log('no weakmap', performance.now() - t);
const sym = Symbol('c');
t = performance.now();
s = { parts: [{ text: '' }] };
for (let i = 0; i < N; i++) {
  const parts = s.parts.slice();
  const p = parts[0]!;
  parts[0] = { ...p, text: p.text + 'abcdefghijklmnopqrst' };
  const n = { parts };
  Object.defineProperty(n, sym, { value: cur });
  s = n;
}
console.log('defineProperty', performance.now() - t);
