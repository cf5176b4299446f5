import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkUploadFile, type IncomingFile } from '../security/check-upload-file';

// Refuses a multipart request carrying any file outside the allowlist (pictures, PDF, video;
// never HTML or SVG, whatever its name or declared type says) before a route sees it, so the
// editor reads the Chinese reason rather than Strapi's English one. The upload service is
// guarded as well (security/guard-upload-service.ts) for uploads that are not multipart. Only
// the media library's routes are concerned: other multipart routes take other files (the
// ledger import takes spreadsheets) and check them themselves.
const MEDIA_LIBRARY = /^\/(api\/)?upload(\/|$)/i;

const uploadAllowlist: Core.MiddlewareFactory = () => async (ctx, next) => {
  if (!MEDIA_LIBRARY.test(ctx.path)) return next();
  const files = (ctx.request as { files?: Record<string, IncomingFile | IncomingFile[]> }).files;
  for (const entry of Object.values(files ?? {})) {
    for (const file of Array.isArray(entry) ? entry : [entry]) {
      const refusal = await checkUploadFile(file);
      if (refusal) throw new errors.ValidationError(refusal, { fileName: file.originalFilename ?? file.name });
    }
  }
  await next();
};

export default uploadAllowlist;
