import type { Core } from '@strapi/strapi';

export const WEBHOOK_NAME = 'shequ-publisher';
const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish'];

// Points Strapi's webhook at the publisher with its bearer secret. The store persists it (and
// shows it in Settings → Webhooks); the runner is what actually fires it in this process,
// because Strapi loaded the stored webhooks into the runner before our bootstrap ran.
export async function registerPublisherWebhook(strapi: Core.Strapi): Promise<void> {
  const url = process.env.SHEQU_WEBHOOK_URL;
  const secret = process.env.SHEQU_WEBHOOK_SECRET;
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const existing = (await store.findWebhooks()).find((w: { name: string }) => w.name === WEBHOOK_NAME);

  if (!url || !secret) {
    if (existing) {
      await store.deleteWebhook(existing.id);
      runner.remove(existing);
    }
    strapi.log.info('[shequ] SHEQU_WEBHOOK_URL/SECRET not set: no publisher webhook');
    return;
  }
  const data = { name: WEBHOOK_NAME, url, headers: { Authorization: `Bearer ${secret}` }, events: EVENTS, isEnabled: true };
  if (existing) {
    const updated = await store.updateWebhook(existing.id, data);
    runner.update(updated);
  } else {
    const created = await store.createWebhook(data);
    runner.add(created);
  }
  strapi.log.info(`[shequ] publisher webhook → ${url}`);
}
