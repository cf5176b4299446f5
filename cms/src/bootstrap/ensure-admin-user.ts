import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { dataPath, writePrivateFile } from '../runtime/data-dir';

const DEFAULT_EMAIL = 'admin@shequ.local';

// Strapi's password policy: 8+ characters with an upper-case letter, a lower-case letter and a digit.
function generatePassword(): string {
  const body = crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Sq${body}9a`;
}

// The first dashboard user. From SHEQU_ADMIN_EMAIL / SHEQU_ADMIN_PASSWORD when given; otherwise a
// random password is generated, printed once and kept in the data folder for the launcher.
export async function ensureAdminUser(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  const roles = strapi.service('admin::role');
  const email = (process.env.SHEQU_ADMIN_EMAIL || DEFAULT_EMAIL).toLowerCase();
  const file = dataPath('admin-credentials.json');
  if (await users.exists({ email })) return;
  if ((await users.count()) > 0 && !process.env.SHEQU_ADMIN_EMAIL) return;

  const password = process.env.SHEQU_ADMIN_PASSWORD || generatePassword();
  const superAdmin = await roles.getSuperAdmin();
  if (!superAdmin) throw new Error('Strapi has no Super Admin role yet');
  await users.create({
    email,
    firstname: '管理员',
    lastname: '',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
    preferedLanguage: 'zh-Hans',
  });
  if (!process.env.SHEQU_ADMIN_PASSWORD) {
    writePrivateFile(file, JSON.stringify({ email, password }, null, 2));
    console.log(`\n  首次启动已创建管理员 (first admin created): ${email} / ${password}\n  (also saved in ${file})\n`);
  } else if (fs.existsSync(file)) {
    fs.rmSync(file);
  }
  strapi.log.info(`[shequ] created the first admin user ${email}`);
}
