import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkUploadFile, type IncomingFile } from '../security/check-upload-file';

// Refuses a multipart request carrying any file outside the allowlist (pictures, PDF, video;
// never HTML or SVG, whatever its name or declared type says) before a route sees it, so the
// editor reads the Chinese reason rather than Strapi's English one. The upload service is
// guarded as well (security/guard-upload-service.ts) for uploads that are not multipart.
// The ledger import (POST /ledger-import) is the one exception: its .xlsx/.csv sheet is read by
// the import (which refuses anything but a sheet) and never stored; Strapi deletes it after.
const LEDGER_IMPORT = '/ledger-import';
const uploadAllowlist: Core.MiddlewareFactory = () => async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === LEDGER_IMPORT) return next();
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
