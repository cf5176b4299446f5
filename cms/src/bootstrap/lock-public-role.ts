import type { Core } from '@strapi/strapi';

// The public site is static and reads through a token at build time, so anonymous callers
// get nothing: not content, not registration, not login for end users.
export async function lockPublicRole(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const removed = await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id } });
  if (removed.count > 0) strapi.log.info(`[shequ] removed ${removed.count} permission(s) from the Public role`);
}
