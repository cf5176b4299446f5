import fs from 'node:fs';
import path from 'node:path';
import { linkAllowlist } from '@shequ/spam-guard';
import { dataDir, repoRoot, sitePaths } from '../lib/paths.ts';

// Publisher settings from the environment, with the defaults the README documents.
export function publisherConfig(env: NodeJS.ProcessEnv = process.env) {
  const data = dataDir(env);
  const secret = env.SHEQU_WEBHOOK_SECRET ?? readIfExists(path.join(data, 'webhook-secret'));
  if (!secret) throw new Error('SHEQU_WEBHOOK_SECRET is not set and the data folder holds no webhook-secret (npm start creates it)');
  const siteUrl = env.SITE_URL ?? `http://127.0.0.1:${env.SITE_PORT ?? 4321}`;
  return {
    port: Number(env.PUBLISHER_PORT ?? 4322),
    host: env.PUBLISHER_HOST ?? '127.0.0.1',
    secret,
    cmsUrl: (env.CMS_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).replace(/\/$/, ''),
    // The CMS as readers' browsers reach it: the help form posts there.
    cmsPublicUrl: (env.CMS_PUBLIC_URL || env.CMS_URL || `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).replace(/\/$/, ''),
    siteUrl,
    // Link domains pages may point at: scripts/spam-guard/signatures.json, SHEQU_LINK_ALLOWLIST, the site itself.
    linkAllowlist: linkAllowlist(env, [new URL(siteUrl).hostname]),
    buildTokenFile: env.SHEQU_BUILD_TOKEN_FILE ?? path.join(data, 'build-token'),
    siteDir: path.join(repoRoot, 'site'),
    paths: sitePaths(env),
    // A publish sends entry.update then entry.publish within milliseconds; this gathers them.
    quietMs: Number(env.PUBLISHER_QUIET_MS ?? 250),
    // Publish changes as layers rendered by the warm renderer; false: every change a full build.
    incremental: env.PUBLISHER_INCREMENTAL !== 'false',
    // Local hour (0-23) of the nightly full build, the safety net under incremental layers; '' for none.
    nightlyHour: env.PUBLISHER_NIGHTLY_HOUR === '' ? null : Number(env.PUBLISHER_NIGHTLY_HOUR ?? 3),
    maxBodyBytes: Number(env.PUBLISHER_MAX_BODY_BYTES ?? 1_048_576),
    keepReleases: Number(env.PUBLISHER_KEEP_RELEASES ?? 10),
    retryBaseMs: Number(env.PUBLISHER_RETRY_BASE_MS ?? 5000),
    reconcileMs: Number(env.PUBLISHER_RECONCILE_MS ?? 60_000),
    verifyMs: Number(env.PUBLISHER_VERIFY_MS ?? 300_000),
    // A layered release whose overlay holds more files than this asks for a full build (which
    // becomes the new base): each layer carries the overlay over by hard links, so it bounds
    // what a layer publish costs.
    layerMaxFiles: Number(env.PUBLISHER_LAYER_MAX_FILES ?? 10_000),
  };
}
export type PublisherConfig = ReturnType<typeof publisherConfig>;

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}
