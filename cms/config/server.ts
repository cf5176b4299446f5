import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { cmsSecrets } from '../src/runtime/secrets';
import { dataPath } from '../src/runtime/data-dir';

const publicDir = dataPath('public');
// The local upload provider refuses to start unless its folder exists.
fs.mkdirSync(`${publicDir}/uploads`, { recursive: true });

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('CMS_HOST', '127.0.0.1'),
  port: env.int('CMS_PORT', 1337),
  url: env('CMS_PUBLIC_URL', ''),
  app: { keys: cmsSecrets().APP_KEYS },
  // Behind nginx the reader's address is in X-Forwarded-For; the help form's rate limit needs it.
  proxy: { koa: env.bool('CMS_TRUST_PROXY', false) },
  // Uploads live in the data folder with the database, so one folder is the whole state.
  dirs: { public: publicDir },
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});

export default config;
