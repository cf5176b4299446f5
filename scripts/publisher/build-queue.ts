// Coalesces CMS events into builds: at most one build runs and at most one is pending.
// Events that arrive while a build runs fold into the pending one; a quiet period gathers
// bursts (an editor's publish sends entry.update then entry.publish). A failed build puts
// its reasons back and is retried with exponential backoff.

export interface BuildReason {
  event: string;
  model?: string;
  documentId?: string;
  at: string;
}

export interface QueueSnapshot {
  running: { reasons: BuildReason[]; startedAt: string } | null;
  pending: { reasons: BuildReason[]; since: string; runsAt: string | null } | null;
  consecutiveFailures: number;
}

const MAX_REASONS = 200;

export function createBuildQueue(options: {
  quietMs: number;
  retryBaseMs: number;
  runBuild: (reasons: BuildReason[]) => Promise<void>;
  onChange?: (snapshot: QueueSnapshot) => void;
}) {
  let running: QueueSnapshot['running'] = null;
  let pending: { reasons: BuildReason[]; since: string } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let runsAt: number | null = null;
  let failures = 0;
  let idleWaiters: Array<() => void> = [];

  const snapshot = (): QueueSnapshot => ({
    running,
    pending: pending ? { ...pending, runsAt: runsAt ? new Date(runsAt).toISOString() : null } : null,
    consecutiveFailures: failures,
  });
  const changed = () => options.onChange?.(snapshot());

  function merge(reasons: BuildReason[]) {
    pending ??= { reasons: [], since: new Date().toISOString() };
    pending.reasons.push(...reasons);
    if (pending.reasons.length > MAX_REASONS) pending.reasons.splice(0, pending.reasons.length - MAX_REASONS);
  }

  function schedule(delayMs: number) {
    if (running) return; // start() runs when the current build ends
    clearTimeout(timer);
    runsAt = Date.now() + delayMs;
    timer = setTimeout(start, delayMs);
  }

  async function start() {
    timer = undefined;
    runsAt = null;
    if (running || !pending) return;
    running = { reasons: pending.reasons, startedAt: new Date().toISOString() };
    pending = null;
    changed();
    let ok = false;
    try {
      await options.runBuild(running.reasons);
      ok = true;
      failures = 0;
    } catch {
      failures += 1;
      merge(running.reasons);
    }
    running = null;
    if (pending) schedule(ok ? options.quietMs : Math.min(options.retryBaseMs * 2 ** (failures - 1), 300_000));
    changed();
    if (!running && !pending) {
      for (const w of idleWaiters) w();
      idleWaiters = [];
    }
  }

  return {
    enqueue(reason: BuildReason) {
      merge([reason]);
      // While a backoff is running, a new event does not shorten it: the CMS is probably still down.
      if (failures === 0 || !timer) schedule(options.quietMs);
      changed();
    },
    snapshot,
    idle(): Promise<void> {
      if (!running && !pending) return Promise.resolve();
      return new Promise((r) => idleWaiters.push(r));
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
export type BuildQueue = ReturnType<typeof createBuildQueue>;
