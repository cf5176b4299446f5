import crypto from 'node:crypto';
import fs from 'node:fs';
import { dataPath, writePrivateFile } from './data-dir';

// Strapi needs several secrets. Each may come from the environment (production); otherwise
// it is generated once into the data folder so that sessions and tokens survive restarts
// and nothing secret is ever committed.
export interface CmsSecrets {
  APP_KEYS: string[];
  API_TOKEN_SALT: string;
  ADMIN_JWT_SECRET: string;
  TRANSFER_TOKEN_SALT: string;
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
}

const random = () => crypto.randomBytes(32).toString('base64');
let cached: CmsSecrets | undefined;

export function cmsSecrets(): CmsSecrets {
  if (cached) return cached;
  const file = dataPath('cms-secrets.json');
  let stored: Partial<CmsSecrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  const generated: CmsSecrets = {
    APP_KEYS: stored.APP_KEYS ?? [random(), random(), random(), random()],
    API_TOKEN_SALT: stored.API_TOKEN_SALT ?? random(),
    ADMIN_JWT_SECRET: stored.ADMIN_JWT_SECRET ?? random(),
    TRANSFER_TOKEN_SALT: stored.TRANSFER_TOKEN_SALT ?? random(),
    JWT_SECRET: stored.JWT_SECRET ?? random(),
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? random(),
  };
  if (JSON.stringify(generated) !== JSON.stringify(stored)) writePrivateFile(file, JSON.stringify(generated, null, 2));
  const env = process.env;
  cached = {
    APP_KEYS: env.APP_KEYS ? env.APP_KEYS.split(',') : generated.APP_KEYS,
    API_TOKEN_SALT: env.API_TOKEN_SALT ?? generated.API_TOKEN_SALT,
    ADMIN_JWT_SECRET: env.ADMIN_JWT_SECRET ?? generated.ADMIN_JWT_SECRET,
    TRANSFER_TOKEN_SALT: env.TRANSFER_TOKEN_SALT ?? generated.TRANSFER_TOKEN_SALT,
    JWT_SECRET: env.JWT_SECRET ?? generated.JWT_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? generated.ENCRYPTION_KEY,
  };
  return cached;
}
