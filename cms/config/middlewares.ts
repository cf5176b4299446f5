import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // The help form's receiver checks rate, type and size before any body is parsed.
  'global::guard-help-submission',
  'strapi::body',
  // Shequ's own (src/middlewares/): drafts only for the preview token; uploads only from the allowlist.
  'global::draft-access',
  'global::upload-allowlist',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
