import type { Core } from '@strapi/strapi';
import { issueFormToken } from './form-token';
import { helpFormSecret } from './help-form-secret';
import { helpRequestFigures } from './help-request-figures';
import { helpRequestSettings } from './help-request-settings';

const UID = 'api::help-request.help-request';
// Read tokens (the build's) and editors' full tokens pass; the empty Public role does not.
const BUILD_READ = { auth: { scope: [`${UID}.find`] } };

/* eslint-disable @typescript-eslint/no-explicit-any -- nexus's builder types are not exported by the plugin */
type Nexus = { objectType: (c: any) => unknown; extendType: (c: any) => unknown };

// Help requests are personal data: GraphQL gets no type, query or mutation for them (shadow
// CRUD off), and the site build gets two custom queries instead — a fresh form token and the
// counts, nothing else.
export function registerHelpRequestGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  extension.shadowCRUD(UID).disable();
  extension.use(({ nexus }: { nexus: Nexus }) => ({
    types: [
      nexus.objectType({
        name: 'HelpFormToken',
        definition(t: any) {
          t.nonNull.string('token');
          t.nonNull.string('issuedAt');
          t.nonNull.string('expiresAt');
        },
      }),
      nexus.objectType({
        name: 'HelpRequestCount',
        definition(t: any) {
          t.nonNull.string('key');
          t.nonNull.int('received');
          t.nonNull.int('resolved');
        },
      }),
      nexus.objectType({
        name: 'HelpRequestFigures',
        definition(t: any) {
          t.nonNull.string('asOf');
          t.nonNull.int('received');
          t.nonNull.int('resolved');
          t.nonNull.float('resolutionRate');
          t.nonNull.list.nonNull.field('byMonth', { type: 'HelpRequestCount' });
          t.nonNull.list.nonNull.field('byKind', { type: 'HelpRequestCount' });
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          t.nonNull.field('helpFormToken', {
            type: 'HelpFormToken',
            resolve: () => {
              const { token, issuedAt } = issueFormToken(helpFormSecret());
              const expiresAt = new Date(issuedAt.getTime() + helpRequestSettings().tokenMaxAgeMs);
              return { token, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString() };
            },
          });
          t.nonNull.field('helpRequestFigures', {
            type: 'HelpRequestFigures',
            resolve: async () => {
              const f = await helpRequestFigures(strapi);
              return {
                ...f,
                byMonth: f.byMonth.map(({ month, ...v }) => ({ key: month, ...v })),
                byKind: f.byKind.map(({ kind, ...v }) => ({ key: kind, ...v })),
              };
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Query.helpFormToken': BUILD_READ,
      'Query.helpRequestFigures': BUILD_READ,
    },
  }));
}
