import { describe, expect, it } from 'vitest';
import type { BuildReason } from '../../scripts/publisher/build-queue.ts';
import { choosePublishPath } from '../../scripts/publisher/choose-publish-path.ts';

const at = '2026-11-29T00:00:00.000Z';
const reason = (event: string, model?: string, documentId?: string): BuildReason => ({ event, model, documentId, at });

describe('choosing between an incremental layer and a full build', () => {
  it('publishes entry changes of articles, ledgers and communities incrementally, by document', () => {
    const path = choosePublishPath([reason('entry.update', 'article', 'a1'), reason('entry.publish', 'article', 'a1'), reason('entry.unpublish', 'api::ledger.ledger', 'l1'), reason('entry.delete', 'community', 'c1')], { inSync: true });
    expect(path).toEqual({ kind: 'incremental', changes: [{ model: 'article', documentId: 'a1' }, { model: 'article', documentId: 'a1' }, { model: 'ledger', documentId: 'l1' }, { model: 'community', documentId: 'c1' }] });
  });

  it('reads pages and the gala again whole, and ignores a new file in the media library', () => {
    const path = choosePublishPath([reason('entry.publish', 'page', 'p1'), reason('entry.update', 'gala-programme', 'g1'), reason('media.create')], { inSync: true });
    expect(path).toEqual({ kind: 'incremental', changes: [{ model: 'page' }, { model: 'gala-programme' }] });
  });

  it('builds in full when the renderer is not in step with what is live', () => {
    expect(choosePublishPath([reason('entry.publish', 'article', 'a1')], { inSync: false }).kind).toBe('full');
  });

  it('builds in full for reconciliations, first releases, media changes, unknown models and entries without an id', () => {
    for (const r of [reason('reconcile.periodic'), reason('publisher.first-release'), reason('media.update'), reason('media.delete'), reason('entry.publish', 'tag', 't1'), reason('entry.publish', 'article')]) {
      const path = choosePublishPath([reason('entry.publish', 'article', 'a1'), r], { inSync: true });
      expect(path.kind, r.event).toBe('full');
    }
  });
});
