import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

// Child processes of the portal, their output prefixed with a name, stopped together.
export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function startProcess(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; quiet?: boolean; onLine?: (line: string) => void }): Managed {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    const rl = readline.createInterface({ input: stream! });
    rl.on('line', (line) => {
      options.onLine?.(line);
      if (!options.quiet) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, exited };
}

export async function stopAll(processes: Managed[], timeoutMs = 10_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}
