import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArguments } from '../../scripts/bench/parse-bench-arguments.ts';
import { percentile } from '../../scripts/bench/percentile.ts';
import { parseVmRssKb, processTree, samplePeakRss } from '../../scripts/bench/sample-peak-rss.ts';
import { siteSnapshot } from '../../site/src/lib/cms/snapshot.ts';

// The benchmark's arithmetic and its readings of /proc; the timings themselves are never
// asserted (they depend on the machine).

describe('the benchmark helpers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-bench-unit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes percentiles by nearest rank, whatever the order of the samples', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([50, 10, 40, 20, 30], 50)).toBe(30);
    expect(percentile([50, 10, 40, 20, 30], 95)).toBe(50);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
  });

  it('reads VmRSS from a /proc status text, and 0 from a process that has none', () => {
    expect(parseVmRssKb('Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t   12345 kB\nRssAnon:\t 1 kB\n')).toBe(12345);
    expect(parseVmRssKb('Name:\tzombie\nState:\tZ (zombie)\n')).toBe(0);
  });

  it.runIf(process.platform === 'linux')('finds the children and grandchildren of a process and adds up their memory', async () => {
    const child = spawn('sh', ['-c', 'sleep 30 & (sleep 30 & wait) & wait'], { stdio: 'ignore' });
    try {
      // sh starts its children in its own time: wait for all four (or give up after 5 s).
      for (let i = 0; i < 100 && processTree(child.pid!).length < 4; i += 1) await new Promise((r) => setTimeout(r, 50));
      const tree = processTree(child.pid!);
      expect(tree[0]).toBe(child.pid);
      expect(tree.length).toBeGreaterThanOrEqual(4); // sh, sleep, the subshell, its sleep
      const sampler = samplePeakRss(child.pid!, { everyMs: 20, part: /^sleep 30/ });
      await new Promise((r) => setTimeout(r, 100));
      const peaks = sampler.stop();
      expect(peaks.samples).toBeGreaterThan(1);
      expect(peaks.peakRssMb).toBeGreaterThan(0);
      expect(peaks.peakPartRssMb).toBeLessThan(peaks.peakRssMb);
      const own = parseVmRssKb(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      expect(own).toBeGreaterThan(0);
    } finally {
      for (const p of processTree(child.pid!).reverse()) {
        try {
          process.kill(p, 'SIGTERM');
        } catch {
          /* ended when its child did */
        }
      }
    }
  });

  it('reads the arguments with their defaults and refuses nonsense', () => {
    expect(parseBenchArguments([])).toMatchObject({ scale: 'small', edits: 5, builds: 3, keep: false });
    expect(parseBenchArguments(['--scale', 'year', '--edits=2', '--keep'])).toMatchObject({ scale: 'year', edits: 2, builds: 1, keep: true });
    expect(parseBenchArguments(['--builds', '2']).builds).toBe(2);
    expect(() => parseBenchArguments(['--builds', '0'])).toThrow(/--builds/);
    expect(parseBenchArguments(['--scale', '0.05']).scale).toBe('0.05');
    expect(() => parseBenchArguments(['--scale', 'huge'])).toThrow(/--scale/);
    expect(() => parseBenchArguments(['--edits', '-1'])).toThrow(/--edits/);
  });

  it('leaves the site on the CMS unless SHEQU_SITE_SNAPSHOT names a snapshot, and names what is wrong with a bad one', () => {
    expect(siteSnapshot({})).toBeUndefined();
    expect(siteSnapshot({ SHEQU_SITE_SNAPSHOT: '' })).toBeUndefined();
    const good = path.join(dir, 'good.json');
    const fields = ['articles_connection', 'communities_connection', 'ledgers_connection', 'pages_connection', 'galaEditions_connection', 'galaVenues_connection', 'galaProgrammes_connection'];
    fs.writeFileSync(good, JSON.stringify({ ...Object.fromEntries(fields.map((f) => [f, []])), articles_connection: [{ documentId: 'a1' }], helpDesk: { helpFormToken: null } }));
    expect(siteSnapshot({ SHEQU_SITE_SNAPSHOT: good })?.articles_connection).toEqual([{ documentId: 'a1' }]);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ articles_connection: {} }));
    expect(() => siteSnapshot({ SHEQU_SITE_SNAPSHOT: bad })).toThrow(/articles_connection/);
    expect(() => siteSnapshot({ SHEQU_SITE_SNAPSHOT: path.join(dir, 'missing.json') })).toThrow(/cannot be read/);
  });
});
