import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkUploadFile, type IncomingFile } from './check-upload-file';

type UploadService = {
  upload: (args: { data: unknown; files: IncomingFile | IncomingFile[] }, opts?: unknown) => Promise<unknown>;
  replace: (id: unknown, args: { data: unknown; file: IncomingFile }, opts?: unknown) => Promise<unknown>;
};

async function assertAllowed(files: IncomingFile | IncomingFile[] | undefined): Promise<void> {
  for (const file of Array.isArray(files) ? files : files ? [files] : []) {
    const refusal = await checkUploadFile(file);
    if (refusal) throw new errors.ValidationError(refusal, { fileName: file.originalFilename ?? file.name });
  }
}

// Every stored file passes the upload service, whichever door it came through (media library,
// content-API upload, import from a URL, the demo seeder), so the allowlist is enforced here
// too; the `upload-allowlist` middleware only answers multipart requests earlier.
export function guardUploadService(strapi: Core.Strapi): void {
  const service = strapi.plugin('upload').service('upload') as UploadService;
  const upload = service.upload;
  const replace = service.replace;
  service.upload = async (args, opts) => {
    await assertAllowed(args?.files);
    return upload(args, opts);
  };
  service.replace = async (id, args, opts) => {
    await assertAllowed(args?.file);
    return replace(id, args, opts);
  };
}
