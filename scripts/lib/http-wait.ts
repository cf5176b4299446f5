// Polls a URL until it answers with an accepted status, or gives up with a clear message.
export async function waitForHttp(url: string, { timeoutMs = 180_000, everyMs = 250, ok = (s: number) => s >= 200 && s < 400 } = {}): Promise<void> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not come up within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
}
