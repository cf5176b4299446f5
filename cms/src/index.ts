import type { Core } from '@strapi/strapi';
import { applyFieldLabels } from './bootstrap/apply-field-labels';
import { ensureAdminUser } from './bootstrap/ensure-admin-user';
import { ensureBuildToken } from './bootstrap/ensure-build-token';
import { lockPublicRole } from './bootstrap/lock-public-role';
import { registerPublisherWebhook } from './bootstrap/register-publisher-webhook';
import { refuseSpam } from './document-middlewares/refuse-spam';
import { validateContent } from './document-middlewares/validate-content';
import { seedDemoContentOnce } from './seed/seed-demo-content';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Every write of articles, ledgers, communities and pages is checked here first.
    strapi.documents.use(validateContent(strapi));
    // … and refused if it carries SEO spam (gambling, hidden text, links outside the allowlist).
    strapi.documents.use(refuseSpam(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Anonymous callers get nothing.
    await lockPublicRole(strapi);
    // The first dashboard user.
    await ensureAdminUser(strapi);
    // The read-only token the site build uses.
    await ensureBuildToken(strapi);
    // Chinese field labels in the dashboard.
    await applyFieldLabels(strapi);
    // Demo content on first start (before the webhook, so seeding sends no events).
    await seedDemoContentOnce(strapi);
    // The publisher's webhook, last.
    await registerPublisherWebhook(strapi);
    strapi.log.info('[shequ] CMS ready');
  },
};
