/** Notes the arrival time of every content event in SSE bodies (OpenAI dialect). */
export function timedFetch(arrivals: number[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!res.body) return res;
    let carry = '';
    const decoder = new TextDecoder();
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const now = performance.now();
        carry += decoder.decode(chunk, { stream: true });
        const events = carry.split('\n\n');
        carry = events.pop()!;
        for (const e of events) if (/"content":"[^"]/.test(e)) arrivals.push(now);
        controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(tap), { status: res.status, headers: res.headers });
  };
}
