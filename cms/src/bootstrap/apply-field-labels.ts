import type { Core } from '@strapi/strapi';
import { derivedFields, fieldLabels } from '../domain/vocabulary';

// Strapi keeps field labels in the content manager's view configuration, not in schema.json.
// We write the Chinese labels there, but only over Strapi's defaults (label == field name),
// so a label an editor changed in "Configure the view" is kept. Derived fields are read-only.
export async function applyFieldLabels(strapi: Core.Strapi): Promise<void> {
  const cm = strapi.plugin('content-manager');
  for (const [uid, labels] of Object.entries(fieldLabels)) {
    const isComponent = !uid.includes('::');
    const service = cm.service(isComponent ? 'components' : 'content-types');
    const model = isComponent ? strapi.components[uid as never] : strapi.contentTypes[uid as never];
    if (!model) continue;
    const config = await service.findConfiguration({ uid });
    let changed = false;
    for (const [field, text] of Object.entries(labels)) {
      const meta = config.metadatas?.[field];
      if (!meta) continue;
      for (const view of ['edit', 'list'] as const) {
        if (meta[view] && (meta[view].label === field || meta[view].label === undefined)) {
          meta[view].label = text;
          changed = true;
        }
      }
    }
    for (const field of derivedFields[uid] ?? []) {
      const edit = config.metadatas?.[field]?.edit;
      if (edit && edit.editable !== false) {
        edit.editable = false;
        changed = true;
      }
    }
    if (changed) await service.updateConfiguration({ uid }, { settings: config.settings, metadatas: config.metadatas, layouts: config.layouts });
  }
}
