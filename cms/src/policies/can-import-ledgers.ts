import type { Core } from '@strapi/strapi';

type Ability = { can: (action: string, subject?: string) => boolean };

// The ledger-sheet import writes ledgers: only dashboard users who may create ledgers in the
// content manager may use it (publishing is checked again by the route when asked for).
const canImportLedgers: Core.PolicyHandler = (policyContext) => {
  const ability = (policyContext as unknown as { state: { userAbility?: Ability } }).state.userAbility;
  return Boolean(ability?.can('plugin::content-manager.explorer.create', 'api::ledger.ledger'));
};

export default canImportLedgers;
