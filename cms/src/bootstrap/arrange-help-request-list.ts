import type { Core } from '@strapi/strapi';

const UID = 'api::help-request.help-request';
const LIST = ['id', 'name', 'kind', 'handlingStatus', 'submittedAt', 'assignedCommunity'];

// Editors triage help requests from the list: newest first, with kind and handling status in
// view. Arranged once (remembered in Strapi's store), so an editor's own arrangement stays.
export async function arrangeHelpRequestList(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'shequ', key: 'help-request-list-arranged' });
  if (await store.get({})) return;
  const service = strapi.plugin('content-manager').service('content-types');
  const config = await service.findConfiguration({ uid: UID });
  if (!config?.layouts) return;
  await service.updateConfiguration(
    { uid: UID },
    {
      settings: { ...config.settings, defaultSortBy: 'submittedAt', defaultSortOrder: 'DESC', mainField: 'name' },
      metadatas: config.metadatas,
      layouts: { ...config.layouts, list: LIST },
    },
  );
  await store.set({ value: true });
}
