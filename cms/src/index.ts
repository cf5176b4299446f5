import type { Core } from '@strapi/strapi';
import { applyFieldLabels } from './bootstrap/apply-field-labels';
import { arrangeHelpRequestList } from './bootstrap/arrange-help-request-list';
import { ensureAdminUser } from './bootstrap/ensure-admin-user';
import { ensureBuildToken } from './bootstrap/ensure-build-token';
import { ensurePreviewToken } from './bootstrap/ensure-preview-token';
import { lockPublicRole } from './bootstrap/lock-public-role';
import { registerPublisherWebhook } from './bootstrap/register-publisher-webhook';
import { refreshPlannerStatisticsOnStart } from './database/refresh-planner-statistics';
import { refuseSpam } from './document-middlewares/refuse-spam';
import { guardDraftReads } from './document-middlewares/guard-draft-reads';
import { validateContent } from './document-middlewares/validate-content';
import { guardUploadService } from './security/guard-upload-service';
import { helpFormSecret } from './help-requests/help-form-secret';
import { registerHelpRequestGraphql } from './help-requests/register-help-request-graphql';
import { registerBulkReadGraphql } from './bulk-read/register-bulk-read-graphql';
import { seedDemoContentOnce } from './seed/seed-demo-content';
import { registerImportLedgersRoute } from './services/import-ledgers/import-ledgers-route';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Every write of articles, ledgers, communities and pages is checked here first.
    strapi.documents.use(validateContent(strapi));
    // … and refused if it carries SEO spam (gambling, hidden text, links outside the allowlist).
    strapi.documents.use(refuseSpam(strapi));
    // Drafts are read by the preview token only, whatever the content-API door.
    strapi.documents.use(guardDraftReads(strapi));
    // Help requests stay out of GraphQL; the build gets a form token and counts instead.
    registerHelpRequestGraphql(strapi);
    // Whole pages of published articles, communities and ledgers for the site's full build.
    registerBulkReadGraphql(strapi);
    // The ledger-sheet import (dashboard page and `npm run import:ledgers`).
    registerImportLedgersRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Uploads only from the allowlist (pictures, PDF, video), before the seeder uploads anything.
    guardUploadService(strapi);
    // Table statistics for the query planner (SQLite has none until asked).
    await refreshPlannerStatisticsOnStart(strapi);
    // Anonymous callers get nothing.
    await lockPublicRole(strapi);
    // The first dashboard user.
    await ensureAdminUser(strapi);
    // The read-only token the site build uses.
    await ensureBuildToken(strapi);
    // The read-only token the draft preview uses (the only one that may read drafts).
    await ensurePreviewToken(strapi);
    // The help-form key exists from the first start, so every backup carries it.
    helpFormSecret();
    // Chinese field labels in the dashboard.
    await applyFieldLabels(strapi);
    // Help requests listed newest first with their kind and handling status.
    await arrangeHelpRequestList(strapi);
    // Demo content on first start (before the webhook, so seeding sends no events).
    await seedDemoContentOnce(strapi);
    // The publisher's webhook, last.
    await registerPublisherWebhook(strapi);
    strapi.log.info('[shequ] CMS ready');
  },
};
