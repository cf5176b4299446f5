import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { graphql } from './admin-api.ts';

// What the site can read of the CMS, reduced to comparable digests: per published type the
// number of documents and a SHA-256 of each document's fields (scalars, enumerations, rich
// text, components' fields, relations and media as their ids), read over GraphQL with the build
// token. The selection is built from the schema by introspection, so a new field is covered.

const COLLECTIONS: Record<string, string> = {
  articles_connection: 'Article',
  communities_connection: 'Community',
  ledgers_connection: 'Ledger',
  pages_connection: 'Page',
};

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; type: TypeRef }> | null;
}

const INTROSPECTION = `{ __schema { types { name kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;

function named(t: TypeRef): TypeRef {
  return t.ofType ? named(t.ofType) : t;
}

function selection(typeName: string, types: Map<string, IntrospectedType>, depth: number): string {
  const type = types.get(typeName);
  if (!type?.fields) throw new Error(`GraphQL type ${typeName} not found`);
  const parts: string[] = [];
  for (const field of type.fields) {
    if (field.name.endsWith('_connection')) continue;
    const t = named(field.type);
    if (t.kind === 'SCALAR' || t.kind === 'ENUM') parts.push(field.name);
    else if (t.kind === 'OBJECT' && depth > 0) {
      const target = types.get(t.name!);
      const hasDocumentId = target?.fields?.some((f) => f.name === 'documentId');
      // Relations and media by identity (and a media file by its hash); components by their fields.
      if (t.name === 'UploadFile') parts.push(`${field.name} { documentId hash url alternativeText width height }`);
      else if (hasDocumentId) parts.push(`${field.name} { documentId }`);
      else parts.push(`${field.name} { ${selection(t.name!, types, depth - 1)} }`);
    }
  }
  return parts.join(' ');
}

export type ContentDigests = Record<string, { count: number; documents: Record<string, string> }>;

export async function contentDigests(cmsUrl: string, token: string): Promise<ContentDigests> {
  const schema = await graphql(cmsUrl, INTROSPECTION, token);
  if (!schema.json.data) throw new Error(`introspection failed: ${JSON.stringify(schema.json.errors ?? schema.json)}`);
  const types = new Map<string, IntrospectedType>((schema.json.data.__schema.types as IntrospectedType[]).map((t) => [t.name, t]));
  const out: ContentDigests = {};
  for (const [collection, typeName] of Object.entries(COLLECTIONS)) {
    const fields = selection(typeName, types, 1);
    const documents: Record<string, string> = {};
    let total = 0;
    for (let page = 1; ; page++) {
      const q = `{ ${collection}(pagination: { page: ${page}, pageSize: 100 }, sort: "documentId") { nodes { ${fields} } pageInfo { total pageCount } } }`;
      const r = await graphql(cmsUrl, q, token);
      if (!r.json.data) throw new Error(`${collection} page ${page}: ${JSON.stringify(r.json.errors ?? r.json)}`);
      const { nodes, pageInfo } = r.json.data[collection] as { nodes: Array<{ documentId: string }>; pageInfo: { total: number; pageCount: number } };
      for (const node of nodes) documents[node.documentId] = crypto.createHash('sha256').update(JSON.stringify(node)).digest('hex');
      total = pageInfo.total;
      if (page >= pageInfo.pageCount) break;
    }
    out[typeName] = { count: total, documents };
  }
  return out;
}

// Every regular file under a folder with its SHA-256, by relative path.
export function treeDigests(root: string, options: { skip?: (rel: string) => boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full);
      if (options.skip?.(rel)) continue;
      if (entry.isDirectory()) walk(full);
      else out[rel] = entry.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex') : `<${entry.isSymbolicLink() ? 'link' : 'special'}>`;
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
