import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// A layered release is a folder that holds only what changed since a full release (its base):
//
//   releases/<layer id>/
//     .base -> ../<base id>      the full release underneath (a relative symlink)
//     layer.json                 { base, removed }: the base and the paths taken away since it
//     .tombstones/<path>         an empty marker per removed path, so nginx can test it with -f
//     <path>                     every file changed or added since the base (one cumulative
//                                overlay, .br/.gz twins included), release.json, manifest.*
//
// A reader sees: the layer's file if it has one, else 404 if the path is tombstoned, else the
// base's file. A new layer over a live layer starts from its overlay (hard links) and its
// tombstones, so there is never more than one layer over a base and a lookup never walks a
// chain. A full build makes a new base (compaction).
export const BASE_LINK = '.base';
export const TOMBSTONES = '.tombstones';
export const LAYER_FILE = 'layer.json';

export const layerSchema = z.object({ base: z.string().min(1), removed: z.array(z.string()) });
export type LayerDescription = z.output<typeof layerSchema>;

// The layer description of a release folder, or undefined for a full release.
export function readLayer(dir: string): LayerDescription | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, LAYER_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return layerSchema.parse(JSON.parse(text));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

// The file a reader gets for a release-relative path, or undefined (none, or tombstoned). A
// full release is a layer with nothing in it, so one rule serves both; the serving code and
// docs/nginx.conf apply the same order.
export function lookupReleaseFile(releaseDir: string, rel: string): string | undefined {
  const own = path.join(releaseDir, rel);
  if (isFile(own)) return own;
  const base = path.join(releaseDir, BASE_LINK);
  if (!exists(base)) return undefined;
  if (exists(path.join(releaseDir, TOMBSTONES, rel))) return undefined;
  const underneath = path.join(base, rel);
  return isFile(underneath) ? underneath : undefined;
}

// The first path segment of the layer's own bookkeeping, never served.
export function isLayerBookkeeping(rel: string): boolean {
  const first = rel.split('/')[0];
  return first === BASE_LINK || first === TOMBSTONES || rel === LAYER_FILE;
}
