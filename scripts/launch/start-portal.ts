import fs from 'node:fs';
import path from 'node:path';
import { waitForHttp } from '../lib/http-wait.ts';
import { dataDir, repoRoot } from '../lib/paths.ts';
import { ensurePreviewSecret, ensureWebhookSecret } from './ensure-secrets.ts';
import { ensureProjectReady } from './install-project.ts';
import { startProcess, stopAll, type Managed } from './processes.ts';

// `npm start`: everything a newcomer needs, in order, on one machine.
async function run(): Promise<void> {
  const data = dataDir();
  const cmsPort = Number(process.env.CMS_PORT ?? 1337);
  const sitePort = Number(process.env.SITE_PORT ?? 4321);
  const publisherPort = Number(process.env.PUBLISHER_PORT ?? 4322);
  const previewPort = Number(process.env.PREVIEW_PORT ?? 4323);
  const running: Managed[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[shequ] stopping …');
    await stopAll(running);
    console.log('[shequ] stopped. Data kept in', data);
    process.exit(code);
  };
  // If any part dies, stop the rest: a half-running portal is worse than a clear failure.
  const exitWithChild = (p: Managed) =>
    void p.exited.then((code) => {
      if (stopping) return;
      console.error(`[shequ] ${p.name} exited (${code}); stopping the portal`);
      void shutdown(1);
    });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  // 1. Install dependencies, build the CMS and the preview renderer when their inputs changed.
  ensureProjectReady();

  // 2. Secrets shared by the CMS and the publisher, and by the CMS and the preview server.
  fs.mkdirSync(data, { recursive: true, mode: 0o700 });
  const webhookSecret = ensureWebhookSecret(data);
  const previewSecret = ensurePreviewSecret(data);
  const env = {
    ...process.env,
    SHEQU_DATA_DIR: data,
    CMS_PORT: String(cmsPort),
    SITE_PORT: String(sitePort),
    PUBLISHER_PORT: String(publisherPort),
    CMS_URL: `http://127.0.0.1:${cmsPort}`,
    SITE_URL: process.env.SITE_URL ?? `http://127.0.0.1:${sitePort}`,
    SHEQU_WEBHOOK_URL: process.env.SHEQU_WEBHOOK_URL ?? `http://127.0.0.1:${publisherPort}/hooks/strapi`,
    SHEQU_WEBHOOK_SECRET: webhookSecret,
    SHEQU_BUILD_TOKEN_FILE: path.join(data, 'build-token'),
    PREVIEW_PORT: String(previewPort),
    PREVIEW_URL: process.env.PREVIEW_URL ?? `http://127.0.0.1:${previewPort}`,
    SHEQU_PREVIEW_SECRET: previewSecret,
    SHEQU_PREVIEW_TOKEN_FILE: path.join(data, 'preview-token'),
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ASTRO_TELEMETRY_DISABLED: '1',
    SHEQU_LOG_FORMAT: process.env.SHEQU_LOG_FORMAT ?? 'pretty',
  };

  // 3. The CMS; on first start it creates the admin, the build token and the demo content.
  console.log(`[shequ] starting the CMS on ${env.CMS_URL} (first start seeds demo content) …`);
  const cms = startProcess('cms', ['node_modules/@strapi/strapi/bin/strapi.js', 'start'], { cwd: path.join(repoRoot, 'cms'), env });
  running.push(cms);
  exitWithChild(cms);
  await waitForHttp(`${env.CMS_URL}/_health`, { timeoutMs: 300_000 });

  // 4. The site server, the draft preview server and the publisher, which builds the first
  //    release if none is live. They know where readers' browsers reach the CMS
  //    (CMS_PUBLIC_URL): the help form posts there and the site's CSP allows it. The CMS itself
  //    sees CMS_PUBLIC_URL only when it was set (it becomes Strapi's absolute URL, which this
  //    default would pin to 127.0.0.1).
  const siteEnv = { ...env, CMS_PUBLIC_URL: process.env.CMS_PUBLIC_URL || env.CMS_URL };
  const site = startProcess('site', ['scripts/publisher/serve-site.ts'], { cwd: repoRoot, env: siteEnv });
  const preview = startProcess('preview', ['scripts/preview/start-preview-server.ts'], { cwd: repoRoot, env: siteEnv });
  const publisher = startProcess('publisher', ['scripts/publisher/start-publisher.ts'], { cwd: repoRoot, env: siteEnv });
  running.push(site, preview, publisher);
  exitWithChild(site);
  exitWithChild(preview);
  exitWithChild(publisher);
  await waitForHttp(`http://127.0.0.1:${publisherPort}/healthz`);
  await waitForHttp(`http://127.0.0.1:${previewPort}/healthz`);
  await waitForHttp(`http://127.0.0.1:${sitePort}/`, { timeoutMs: 600_000, everyMs: 1000 });

  // 5. Tell the user where everything is.
  printWelcome(env, data);
}

function printWelcome(env: Record<string, string | undefined>, data: string): void {
  let login = 'your existing admin account';
  const credentials = path.join(data, 'admin-credentials.json');
  if (env.SHEQU_ADMIN_EMAIL && env.SHEQU_ADMIN_PASSWORD) login = `${env.SHEQU_ADMIN_EMAIL} / (SHEQU_ADMIN_PASSWORD)`;
  else if (fs.existsSync(credentials)) {
    const c = JSON.parse(fs.readFileSync(credentials, 'utf8')) as { email: string; password: string };
    login = `${c.email} / ${c.password}`;
  }
  console.log(`
  ┌──────────────────────────────────────────────────────────────
  │ 中国社区网 Shequ portal is up
  │   Site       ${env.SITE_URL}/
  │   CMS admin  ${env.CMS_URL}/admin   login: ${login}
  │   Publisher  http://127.0.0.1:${env.PUBLISHER_PORT}/status
  │   Preview    ${env.PREVIEW_URL}/ (the dashboard's 预览 button; needs the secret)
  │   Data       ${data}
  │ Publish in the dashboard and the site rebuilds. Ctrl-C stops everything.
  └──────────────────────────────────────────────────────────────
`);
}

run().catch((error) => {
  console.error(`[shequ] ${(error as Error).message}`);
  process.exit(1);
});
