// A sliding window per key, in memory: each key keeps the times of its attempts within the
// window. One CMS process is one counter; several behind a balancer would each count their own
// (the README says so). Keys are address hashes, never raw addresses.
export interface RateLimiter {
  // Records an attempt; false when the key has used up its allowance for the window.
  allow(key: string, now?: number): boolean;
}

export function createRateLimiter(limit: () => number, windowMs: () => number): RateLimiter {
  const attempts = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    allow(key, now = Date.now()) {
      const window = windowMs();
      // Forget idle keys now and then so the map cannot grow without bound.
      if (now - lastSweep > window) {
        for (const [k, times] of attempts) if (times[times.length - 1] <= now - window) attempts.delete(k);
        lastSweep = now;
      }
      const recent = (attempts.get(key) ?? []).filter((t) => t > now - window);
      recent.push(now);
      attempts.set(key, recent);
      return recent.length <= limit();
    },
  };
}
