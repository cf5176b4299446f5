import type { Core } from '@strapi/strapi';
import { dataPath } from '../src/runtime/data-dir';

// Embedded SQLite in the data folder by default; PostgreSQL when DATABASE_URL is set.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const url = env('DATABASE_URL', '');
  if (url) {
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString: url, ssl: env.bool('DATABASE_SSL', false) },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    } as Core.Config.Database;
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: env('DATABASE_FILENAME', dataPath('cms.db')) },
      useNullAsDefault: true,
    },
  };
};

export default config;
