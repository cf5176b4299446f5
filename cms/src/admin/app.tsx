import type { StrapiApp } from '@strapi/strapi/admin';
import { enumLabels, ledgerImportMessages, previewPanelLabels } from '../domain/vocabulary';

// The menu icon of 导入台账: a sheet with an arrow into it.
const ImportIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" />
    <path d="M14 3v6h6M12 18v-6M9 15l3 3 3-3" />
  </svg>
);

// The dashboard speaks Chinese; enumeration values (ASCII, for GraphQL) show their Chinese
// labels because the content manager looks option values up as translation ids.
export default {
  config: {
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': { ...enumLabels, ...previewPanelLabels, 'Auth.form.welcome.title': '欢迎使用社区网内容管理', 'shequ.ledger-import.menu': ledgerImportMessages.menuLabel },
      en: { ...enumLabels, 'shequ.ledger-import.menu': ledgerImportMessages.menuLabel },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(app: StrapiApp) {
    // 导入台账: the ledger-sheet import page, for editors who may create ledgers.
    app.addMenuLink({
      to: 'ledger-import',
      icon: ImportIcon,
      intlLabel: { id: 'shequ.ledger-import.menu', defaultMessage: ledgerImportMessages.menuLabel },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: 'api::ledger.ledger' }],
      Component: () => import('./pages/import-ledgers-page'),
    });
  },
};
