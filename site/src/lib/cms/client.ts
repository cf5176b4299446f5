import fs from 'node:fs';
import { GraphQLClient } from 'graphql-request';

// The one door to the CMS. The build authenticates with the read-only token that the CMS
// wrote into the data folder on first start (or SHEQU_BUILD_TOKEN), never anonymously.

export interface CmsConfig {
  url: string;
  token: string;
}

export function cmsUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.CMS_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).replace(/\/$/, '');
}

export function cmsConfig(env: NodeJS.ProcessEnv = process.env): CmsConfig {
  return { url: cmsUrl(env), token: readToken('build', env.SHEQU_BUILD_TOKEN, env.SHEQU_BUILD_TOKEN_FILE) };
}

function readToken(what: string, value: string | undefined, file: string | undefined): string {
  let token = value ?? '';
  if (!token && file) {
    if (!fs.existsSync(file)) throw new Error(`${what} token file ${file} does not exist (start the CMS once to create it)`);
    token = fs.readFileSync(file, 'utf8').trim();
  }
  const name = what.toUpperCase();
  if (!token) throw new Error(`no CMS ${what} token: set SHEQU_${name}_TOKEN or SHEQU_${name}_TOKEN_FILE`);
  return token;
}

let client: GraphQLClient | undefined;
export function cmsClient(config: CmsConfig = cmsConfig()): GraphQLClient {
  client ??= new GraphQLClient(`${config.url}/graphql`, { headers: { authorization: `Bearer ${config.token}` } });
  return client;
}

// The draft preview reads with the `shequ-preview` token, the only one the CMS lets read drafts.
// The file is read per request: the CMS makes a new key when the file or the token was lost.
export function previewClient(env: NodeJS.ProcessEnv = process.env): GraphQLClient {
  const token = readToken('preview', env.SHEQU_PREVIEW_TOKEN, env.SHEQU_PREVIEW_TOKEN_FILE);
  return new GraphQLClient(`${cmsUrl(env)}/graphql`, { headers: { authorization: `Bearer ${token}` } });
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
