import { startProcess, stopAll } from '../../scripts/launch/processes.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { waitForHttp } from '../../scripts/lib/http-wait.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { ensurePreviewRendererBuilt } from '../../scripts/preview/build-preview-renderer.ts';

export interface RunningPreviewServer {
  url: string; // http://127.0.0.1:<port>
  stop: () => Promise<void>;
}

// A free address for the preview server, known before the CMS starts (the CMS builds its
// preview links on it and lets the dashboard frame it).
export async function previewAddress(): Promise<{ port: number; url: string }> {
  const port = await freePort();
  return { port, url: `http://127.0.0.1:${port}` };
}

// The draft preview server as `npm start` runs it, reading from a test CMS's data folder.
export async function startPreviewServer(options: { cms: { url: string; dataDir: string }; port: number; secret: string }): Promise<RunningPreviewServer> {
  ensurePreviewRendererBuilt();
  const url = `http://127.0.0.1:${options.port}`;
  const proc = startProcess('preview', ['scripts/preview/start-preview-server.ts'], {
    cwd: repoRoot,
    quiet: !process.env.SHEQU_TEST_VERBOSE,
    env: {
      ...process.env,
      SHEQU_DATA_DIR: options.cms.dataDir,
      CMS_PORT: new URL(options.cms.url).port,
      CMS_URL: options.cms.url,
      PREVIEW_PORT: String(options.port),
      SHEQU_PREVIEW_SECRET: options.secret,
      SHEQU_LOG_FORMAT: 'pretty',
    },
  });
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, { timeoutMs: 60_000 }),
      proc.exited.then((code) => {
        throw new Error(`the preview server exited (${code}) before it was up`);
      }),
    ]);
  } catch (error) {
    await stopAll([proc]);
    throw error;
  }
  return { url, stop: () => stopAll([proc]) };
}
