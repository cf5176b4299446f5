import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// Writes .gz and .br beside every text file of a release, so the site server (and nginx with
// gzip_static/brotli_static) sends compressed bytes without compressing per request.
const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export async function compressRelease(dir: string, concurrency = 8): Promise<number> {
  const files = fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && TEXT.has(path.extname(e.name)))
    .map((e) => path.join(e.parentPath, e.name));
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const data = await fs.promises.readFile(file);
      const [gz, br] = await Promise.all([
        gzip(data, { level: 9 }),
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      ]);
      await Promise.all([fs.promises.writeFile(`${file}.gz`, gz), fs.promises.writeFile(`${file}.br`, br)]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return files.length;
}
