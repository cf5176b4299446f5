import type { Core } from '@strapi/strapi';
import { ALLOWED_UPLOADS, REFUSED_UPLOAD_MIMES } from '../src/security/check-upload-file';
import { cmsSecrets } from '../src/runtime/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The playground is a development tool, off unless asked for in development.
      landingPage: env('NODE_ENV', 'development') === 'development' && env.bool('GRAPHQL_PLAYGROUND', false),
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 8),
      // The build pages with pageInfo and never assumes this number.
      defaultLimit: 100,
      maxLimit: env.int('GRAPHQL_MAX_LIMIT', 500),
      apolloServer: { introspection: true },
    },
  },
  upload: {
    config: {
      // Strapi's own content-sniffing check, with the same allowlist as src/security/check-upload-file.ts
      // (which also refuses what Strapi lets through, e.g. HTML named .jpg, and answers in Chinese).
      security: {
        allowedTypes: ALLOWED_UPLOADS.map((k) => k.mime),
        deniedTypes: REFUSED_UPLOAD_MIMES,
      },
    },
  },
  'users-permissions': {
    config: { jwtSecret: cmsSecrets().JWT_SECRET },
  },
});

export default config;
