import fs from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ledgerImportMessages } from '../../domain/vocabulary';
import { importLedgers, type ImportProgress } from './import-ledgers';

// POST /ledger-import — an admin route (dashboard login, like the content manager's own
// routes): multipart with the sheet as `files` (the upload plugin's field name, so Strapi's body
// middleware deletes the temporary file afterwards) and `publish` (true/false).
// Answers 401 without a dashboard login, 403 without permission to create (and, when publishing,
// publish) ledgers — a row whose 是否发布 asks for publishing is refused without that permission — 400 with a Chinese message for a file that cannot be imported at all, and
// otherwise 200 with the report as JSON — or, with `Accept: application/x-ndjson`, progress lines
// {"type":"progress","done","total"} followed by {"type":"report","report"}.

const LEDGER = 'api::ledger.ledger';
const NDJSON = 'application/x-ndjson';

type Ability = { can: (action: string, subject?: string) => boolean };
type Context = Parameters<Core.ControllerHandler>[0];
interface UploadedFile { filepath: string; originalFilename?: string | null; name?: string }

function uploadedFile(ctx: Context): UploadedFile | undefined {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files?.files;
  return Array.isArray(files) ? files[0] : files;
}

function importHandler(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    const file = uploadedFile(ctx);
    if (!file) throw new errors.ValidationError(ledgerImportMessages.noFile);
    const publish = /^(true|1|on|yes|是)$/i.test(String((ctx.request.body as Record<string, unknown> | undefined)?.publish ?? ''));
    const mayPublish = (ctx.state.userAbility as Ability).can('plugin::content-manager.explorer.publish', LEDGER);
    if (publish && !mayPublish) return ctx.forbidden(ledgerImportMessages.noPublishPermission);
    const options = { bytes: await fs.readFile(file.filepath), fileName: file.originalFilename ?? file.name ?? 'upload', publish, mayPublish };

    if (ctx.accepts('application/json', NDJSON) !== NDJSON) {
      ctx.body = await importLedgers(strapi, options);
      return;
    }
    // Streaming: a file that cannot be imported at all still gets its 400, because the first
    // progress line is only written once the file has been read and its rows checked.
    const stream = new PassThrough();
    const line = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
    let started!: () => void;
    const firstProgress = new Promise<void>((resolve) => (started = resolve));
    const job = importLedgers(strapi, options, (p: ImportProgress) => {
      started();
      line({ type: 'progress', ...p });
    });
    await Promise.race([firstProgress, job]);
    ctx.status = 200;
    ctx.type = NDJSON;
    ctx.body = stream;
    job.then(
      (report) => line({ type: 'report', report }),
      (error: Error) => line({ type: 'error', message: error.message }),
    ).finally(() => stream.end());
  };
}

export function registerImportLedgersRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'POST',
        path: '/ledger-import',
        handler: importHandler(strapi),
        config: { policies: ['admin::isAuthenticatedAdmin', 'global::can-import-ledgers'] },
      },
    ],
  } as never);
}
