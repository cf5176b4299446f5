import type { Core } from '@strapi/strapi';
import { buildPreviewUrl, previewOrigin } from '../src/preview/build-preview-url';
import { cmsSecrets } from '../src/runtime/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  const s = cmsSecrets();
  return {
    auth: { secret: s.ADMIN_JWT_SECRET },
    apiToken: { salt: s.API_TOKEN_SALT },
    transfer: { token: { salt: s.TRANSFER_TOKEN_SALT } },
    secrets: { encryptionKey: s.ENCRYPTION_KEY },
    // The admin panel is built by `strapi build`; integration tests talk to the admin API only.
    serveAdminPanel: env.bool('CMS_SERVE_ADMIN', true),
    flags: { nps: false, promoteEE: false },
    // Dashboard login (and registration) attempts per IP address and e-mail; every attempt counts,
    // right or wrong, so after a flood the right password is refused too until the window ends.
    // Set explicitly because Strapi's default may change and the tests run outside production.
    rateLimit: {
      enabled: env.bool('ADMIN_LOGIN_RATE_LIMIT_ENABLED', true),
      interval: env.int('ADMIN_LOGIN_RATE_LIMIT_WINDOW_MINUTES', 5) * 60_000,
      max: env.int('ADMIN_LOGIN_RATE_LIMIT_MAX', 5),
    },
    // The Preview button opens the draft on the preview server (scripts/preview/); Strapi adds
    // allowedOrigins to the admin's CSP frame-src so the dashboard can show it in its frame.
    preview: {
      enabled: true,
      config: { allowedOrigins: [previewOrigin()], handler: buildPreviewUrl },
    },
  } as Core.Config.Admin;
};

export default config;
