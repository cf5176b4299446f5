import fs from 'node:fs';
import { GraphQLClient } from 'graphql-request';

// The one door to the CMS. The build authenticates with the read-only token that the CMS
// wrote into the data folder on first start (or SHEQU_BUILD_TOKEN), never anonymously.

export interface CmsConfig {
  url: string;
  token: string;
}

export function cmsConfig(env: NodeJS.ProcessEnv = process.env): CmsConfig {
  const url = (env.CMS_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).replace(/\/$/, '');
  let token = env.SHEQU_BUILD_TOKEN ?? '';
  if (!token && env.SHEQU_BUILD_TOKEN_FILE) {
    if (!fs.existsSync(env.SHEQU_BUILD_TOKEN_FILE)) throw new Error(`build token file ${env.SHEQU_BUILD_TOKEN_FILE} does not exist (start the CMS once to create it)`);
    token = fs.readFileSync(env.SHEQU_BUILD_TOKEN_FILE, 'utf8').trim();
  }
  if (!token) throw new Error('no CMS build token: set SHEQU_BUILD_TOKEN or SHEQU_BUILD_TOKEN_FILE');
  return { url, token };
}

let client: GraphQLClient | undefined;
export function cmsClient(config: CmsConfig = cmsConfig()): GraphQLClient {
  client ??= new GraphQLClient(`${config.url}/graphql`, { headers: { authorization: `Bearer ${config.token}` } });
  return client;
}

// The CMS as a reader's browser reaches it (CMS_PUBLIC_URL): where the help form posts. It
// differs from CMS_URL when the build talks to the CMS on a private address.
export function cmsPublicUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.CMS_PUBLIC_URL || env.CMS_URL || `http://127.0.0.1:${env.CMS_PORT ?? 1337}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`CMS_PUBLIC_URL "${raw}" is not a URL (expected e.g. https://cms.example.org)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`CMS_PUBLIC_URL "${raw}" must be http or https`);
  return raw.replace(/\/$/, '');
}
