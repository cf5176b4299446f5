import { describe, expect, it } from 'vitest';
import { createBuildQueue, type BuildReason } from '../../scripts/publisher/build-queue.ts';

const reason = (n: number): BuildReason => ({ event: 'entry.update', documentId: `d${n}`, at: new Date().toISOString() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the build queue', () => {
  it('folds a burst of 50 events during a build into exactly one more build', async () => {
    const builds: BuildReason[][] = [];
    let release!: () => void;
    const queue = createBuildQueue({
      quietMs: 10,
      retryBaseMs: 10,
      runBuild: async (reasons) => {
        builds.push(reasons);
        if (builds.length === 1) await new Promise<void>((r) => (release = r));
      },
    });
    queue.enqueue(reason(0));
    await sleep(30);
    expect(builds).toHaveLength(1);
    for (let i = 1; i <= 50; i += 1) queue.enqueue(reason(i));
    expect(queue.snapshot().pending?.reasons).toHaveLength(50);
    release();
    await sleep(60);
    await queue.idle();
    expect(builds).toHaveLength(2);
    expect(builds[1].map((r) => r.documentId)).toContain('d50');
  });

  it('gathers events arriving within the quiet period into one build', async () => {
    const builds: BuildReason[][] = [];
    const queue = createBuildQueue({ quietMs: 40, retryBaseMs: 10, runBuild: async (r) => void builds.push(r) });
    queue.enqueue(reason(1));
    await sleep(10);
    queue.enqueue(reason(2));
    await sleep(80);
    await queue.idle();
    expect(builds).toHaveLength(1);
    expect(builds[0]).toHaveLength(2);
  });

  it('retries a failed build with its reasons until it succeeds', async () => {
    let attempts = 0;
    const built: BuildReason[][] = [];
    const queue = createBuildQueue({
      quietMs: 5,
      retryBaseMs: 10,
      runBuild: async (r) => {
        attempts += 1;
        if (attempts < 3) throw new Error('CMS unreachable');
        built.push(r);
      },
    });
    queue.enqueue(reason(7));
    await sleep(150);
    await queue.idle();
    expect(attempts).toBe(3);
    expect(built[0].map((r) => r.documentId)).toEqual(['d7']);
    expect(queue.snapshot().consecutiveFailures).toBe(0);
  });
});
