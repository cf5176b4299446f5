import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isolatedBuildFolder } from '../lib/isolated-build-folder.ts';
import type { PublisherConfig } from './publisher-config.ts';
import { renderEnvironment, snapshotFileOf } from './render-environment.ts';

// Runs `astro build` for one release into its own folder, in its own process group so that a
// restarted publisher can end a build its killed predecessor left behind. Output goes to a log
// file; on failure the error carries the last lines so /status can say why.
export async function buildSite(config: PublisherConfig, releaseDir: string, logFile: string, onStart: (pid: number) => void): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.mkdirSync(path.dirname(snapshotFileOf(config, path.basename(releaseDir))), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const astro = path.join(config.siteDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
  // A year of content (and the snapshot it writes) takes more than Node's default heap limit.
  const work = isolatedBuildFolder();
  const child = spawn(process.execPath, [`--max-old-space-size=${process.env.SHEQU_BUILD_HEAP_MB ?? 8192}`, astro, 'build', '--root', config.siteDir], {
    cwd: work.cwd,
    stdio: ['ignore', out, out],
    detached: true,
    env: {
      ...renderEnvironment(config),
      SHEQU_SITE_OUT_DIR: releaseDir,
      // The data this build reads, for the warm renderer to continue from (keep-renderer-warm.ts).
      SHEQU_SITE_SNAPSHOT_OUT: snapshotFileOf(config, path.basename(releaseDir)),
    },
  });
  if (child.pid) onStart(child.pid);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ? -1 : c));
  });
  fs.closeSync(out);
  work.remove();
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim()).slice(-8).join('\n');
    throw new Error(`astro build exited with ${code}:\n${tail}`);
  }
}

// Ends a build process group left by a publisher that died (kill -9) mid-build.
export function killOrphanBuild(pid: number | null): boolean {
  if (!pid) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('astro')) return false;
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
