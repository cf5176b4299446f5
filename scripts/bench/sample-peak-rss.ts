import fs from 'node:fs';

// Peak resident memory of a process and everything it starts (astro build spawns Pagefind's
// binary, sharp workers …), sampled from /proc: each sample adds up VmRSS of the tree, and the
// peak is the largest sum seen. Processes whose command line matches `part` are also summed on
// their own (the search indexer inside the build). Linux only; elsewhere the peaks stay 0.

export interface RssPeaks {
  peakRssMb: number;
  peakPartRssMb: number;
  samples: number;
}

// VmRSS in kB from the text of /proc/<pid>/status (0 when absent: a zombie has none).
export function parseVmRssKb(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended between listing and reading
  }
}

// The process and its descendants, from each thread's `children` list.
export function processTree(pid: number): number[] {
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      for (const c of readText(`/proc/${p}/task/${t}/children`).split(/\s+/)) if (c) stack.push(Number(c));
    }
  }
  return [...seen];
}

export function sampleTree(pid: number, part?: RegExp): { totalKb: number; partKb: number } {
  let totalKb = 0;
  let partKb = 0;
  for (const p of processTree(pid)) {
    const kb = parseVmRssKb(readText(`/proc/${p}/status`));
    totalKb += kb;
    if (part && part.test(readText(`/proc/${p}/cmdline`).replace(/\0/g, ' '))) partKb += kb;
  }
  return { totalKb, partKb };
}

// Samples every `everyMs` until stop() is called; stop() answers the peaks in MB.
export function samplePeakRss(pid: number, options: { everyMs?: number; part?: RegExp } = {}): { stop: () => RssPeaks } {
  const peaks = { totalKb: 0, partKb: 0, samples: 0 };
  const sample = () => {
    const s = sampleTree(pid, options.part);
    peaks.totalKb = Math.max(peaks.totalKb, s.totalKb);
    peaks.partKb = Math.max(peaks.partKb, s.partKb);
    peaks.samples += 1;
  };
  sample();
  const timer = setInterval(sample, options.everyMs ?? 200);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakRssMb: Math.round(peaks.totalKb / 1024), peakPartRssMb: Math.round(peaks.partKb / 1024), samples: peaks.samples };
    },
  };
}
