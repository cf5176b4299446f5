import fs from 'node:fs';
import { linkAllowlist } from '@shequ/spam-guard';
import { writeSyntheticRelease } from './measure-release-pipeline.ts';
import { prepareReleaseFiles } from '../publisher/prepare-release-files.ts';
import { listReleaseFiles } from '../publisher/release-manifest.ts';
const dir = '/tmp/zz-prep'; fs.rmSync(dir,{recursive:true,force:true});
writeSyntheticRelease(dir, 4000);
const files = listReleaseFiles(dir);
const al = linkAllowlist({}, ['x']);
for (const [name, opts] of [['digest', {}], ['scan', {scan: al}], ['compress', {compress: {brotli:5, gzip:4}}], ['all', {scan: al, compress:{brotli:5,gzip:4}}], ['all-br4-gz1', {scan: al, compress:{brotli:4,gzip:1}}]] as const) {
  const c = process.cpuUsage(); const t = performance.now();
  await prepareReleaseFiles(dir, files, opts as never);
  const u = process.cpuUsage(c);
  console.log(name, ((performance.now()-t)/files.length).toFixed(3), 'ms/page wall', ((u.user+u.system)/1000/files.length).toFixed(3), 'ms/page cpu', 'sys', (u.system/1000/files.length).toFixed(3));
}
fs.rmSync(dir,{recursive:true,force:true});
