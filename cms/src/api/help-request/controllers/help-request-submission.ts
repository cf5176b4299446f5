import type { Core } from '@strapi/strapi';
import { submitHelpRequest } from '../../../help-requests/submit-help-request';

// The public form's receiver; everything it does is in help-requests/submit-help-request.ts.
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  submit: (ctx: Parameters<typeof submitHelpRequest>[1]) => submitHelpRequest(strapi, ctx),
});
