import type { BuildReason } from './build-queue.ts';

// Whether a batch of CMS events can go live as an incremental layer, or needs a full build.
// Incremental only when the warm renderer holds the data of what is live and every event names
// a record the renderer can read again on its own: an entry of a content type it knows (the
// large ones by document, the small ones whole). Everything else — a reconciliation, a first
// release, a rebase, a media library change, an unknown model — is a full build, which is always
// correct, only slower.
const ENTRY_EVENTS = new Set(['entry.create', 'entry.update', 'entry.publish', 'entry.unpublish', 'entry.delete']);
const PER_RECORD = new Set(['article', 'community', 'ledger']);
const WHOLE = new Set(['page', 'gala-edition', 'gala-venue', 'gala-programme']);
// A new file in the media library changes no page until an entry uses it (and that entry's
// own event then says so); a changed or deleted file may show on any page.
const HARMLESS = new Set(['media.create']);

export type PublishPath = { kind: 'incremental'; changes: Array<{ model: string; documentId?: string }> } | { kind: 'full'; why: string };

export function choosePublishPath(reasons: BuildReason[], renderer: { inSync: boolean }): PublishPath {
  if (!renderer.inSync) return { kind: 'full', why: 'the warm renderer does not hold the live data' };
  const changes: Array<{ model: string; documentId?: string }> = [];
  for (const r of reasons) {
    if (HARMLESS.has(r.event)) continue;
    if (!ENTRY_EVENTS.has(r.event)) return { kind: 'full', why: `event ${r.event}` };
    const model = modelName(r.model);
    if (PER_RECORD.has(model) && r.documentId) changes.push({ model, documentId: r.documentId });
    else if (WHOLE.has(model)) changes.push({ model });
    else return { kind: 'full', why: `${r.event} of ${r.model ?? 'an unknown model'}${r.documentId ? '' : ' without a document id'}` };
  }
  return { kind: 'incremental', changes };
}

// Strapi's webhooks name the model by its singular name ("ledger"); the uid form is accepted too.
function modelName(model: string | undefined): string {
  if (!model) return '';
  const m = /^api::([a-z-]+)\.\1$/.exec(model);
  return m ? m[1]! : model;
}
