import type { StrapiApp } from '@strapi/strapi/admin';
import { enumLabels, previewPanelLabels } from '../domain/vocabulary';

// The dashboard speaks Chinese; enumeration values (ASCII, for GraphQL) show their Chinese
// labels because the content manager looks option values up as translation ids.
export default {
  config: {
    locales: ['zh-Hans'],
    translations: { 'zh-Hans': { ...enumLabels, ...previewPanelLabels, 'Auth.form.welcome.title': '欢迎使用社区网内容管理' }, en: enumLabels },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
