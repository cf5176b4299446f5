import crypto from 'node:crypto';
import path from 'node:path';
import { waitForHttp } from '../../scripts/lib/http-wait.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess, stopAll, type Managed } from '../../scripts/launch/processes.ts';
import { adminApi } from './admin-api.ts';
import { freePort } from './free-port.ts';
import { startCms, TEST_ADMIN, type RunningCms } from './start-cms.ts';

// The portal as `npm start` wires it — a CMS whose webhook points at a publisher, the publisher
// and the site server — on a temporary data folder and free ports, with the helpers the
// publisher's tests share: its status, a page as readers get it, waiting for the next release.

export interface PublisherStatus {
  live: { id: string; pages: number; base?: string; layer?: { files: number; removed: number }; reasons: Array<{ event: string }> } | null;
  building: unknown;
  pending: unknown;
  lastFailure: { reason: string; releaseId: string } | null;
  releases: string[];
  renderer?: { inStepWith: string | null; pid: number | null };
  searchPending?: string[];
  integrity: { lastCheck: { ok: boolean } | null; lastAlert: unknown };
  counters: { eventsAccepted: number; eventsRejected: number; builds: number; buildFailures: number; reconciliations: number };
}

export interface PublisherUnderTest {
  cms: RunningCms;
  admin: ReturnType<typeof adminApi>;
  siteUrl: string;
  publisherUrl: string;
  // The webhook's bearer secret, shared by the CMS and the publisher.
  secret: string;
  env: NodeJS.ProcessEnv;
  status(): Promise<PublisherStatus>;
  // A raw POST to the publisher's webhook receiver.
  webhook(body: string, headers: Record<string, string>): Promise<Response>;
  page(p: string, headers?: Record<string, string>): Promise<{ status: number; html: string; body: Buffer; headers: Headers }>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  // The first release after `before` with nothing building or pending.
  idleAfter(before: string | undefined): Promise<PublisherStatus>;
  // The publisher process alone: killed (SIGKILL, as a crash), stopped (SIGTERM) or started again.
  killPublisher(): Promise<void>;
  stopPublisher(): Promise<void>;
  startPublisher(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPublisherUnderTest(options: { env?: Record<string, string> } = {}): Promise<PublisherUnderTest> {
  const secret = crypto.randomBytes(24).toString('base64url');
  const [sitePort, publisherPort] = [await freePort(), await freePort()];
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const publisherUrl = `http://127.0.0.1:${publisherPort}`;
  const cms = await startCms({ env: { SHEQU_WEBHOOK_URL: `${publisherUrl}/hooks/strapi`, SHEQU_WEBHOOK_SECRET: secret } });
  const admin = adminApi(cms.url);
  await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHEQU_DATA_DIR: cms.dataDir,
    SHEQU_WEBHOOK_SECRET: secret,
    CMS_URL: cms.url,
    SITE_URL: siteUrl,
    SITE_PORT: String(sitePort),
    PUBLISHER_PORT: String(publisherPort),
    PUBLISHER_RETRY_BASE_MS: '1000',
    SHEQU_LOG_FORMAT: 'json',
    // No nightly full build in the middle of a test run.
    PUBLISHER_NIGHTLY_HOUR: '',
    ...options.env,
  };
  const quiet = !process.env.SHEQU_TEST_VERBOSE;
  const site = startProcess('site', [path.join(repoRoot, 'scripts/publisher/serve-site.ts')], { cwd: repoRoot, env, quiet });
  const spawnPublisher = () => startProcess('publisher', [path.join(repoRoot, 'scripts/publisher/start-publisher.ts')], { cwd: repoRoot, env, quiet });
  let publisher: Managed | undefined = spawnPublisher();
  const status = async () => (await (await fetch(`${publisherUrl}/status`)).json()) as PublisherStatus;
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 180_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const v = await probe().catch(() => undefined);
      if (v) return v;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await status().catch(() => 'no status'))}`);
      await sleep(100);
    }
  }
  const under: PublisherUnderTest = {
    cms,
    admin,
    siteUrl,
    publisherUrl,
    secret,
    env,
    status,
    webhook: (body, headers) => fetch(`${publisherUrl}/hooks/strapi`, { method: 'POST', body, headers }),
    async page(p, headers = {}) {
      const res = await fetch(`${siteUrl}${p}`, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, html: body.toString('utf8'), body, headers: res.headers };
    },
    waitFor,
    idleAfter: (before) =>
      waitFor(`a release after ${before}`, async () => {
        const s = await status();
        return s.live && s.live.id !== before && !s.building && !s.pending ? s : undefined;
      }),
    async killPublisher() {
      publisher?.child.kill('SIGKILL');
      await publisher?.exited;
      publisher = undefined;
    },
    async stopPublisher() {
      if (publisher) await stopAll([publisher]);
      publisher = undefined;
    },
    async startPublisher() {
      if (publisher) throw new Error('the publisher is already running');
      publisher = spawnPublisher();
      await waitForHttp(`${publisherUrl}/healthz`);
    },
    async stop() {
      await stopAll([site, ...(publisher ? [publisher] : [])]);
      await cms.stop();
    },
  };
  try {
    await waitForHttp(`${publisherUrl}/healthz`);
    await under.idleAfter(undefined);
  } catch (error) {
    await under.stop();
    throw error;
  }
  return under;
}
