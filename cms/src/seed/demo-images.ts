import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';

// A few pictures for the demo content, drawn here (abstract shapes, no text, nothing
// downloaded) and uploaded through Strapi's upload service like an editor's upload, each
// with the alternative text editors are required to give.

const PALETTES = [
  ['#b3261e', '#f4c7a1', '#fff6e9'],
  ['#1f5f8b', '#9cc9e3', '#eef6fb'],
  ['#2e7d32', '#a5d6a7', '#f1f8e9'],
  ['#6a1b9a', '#ce93d8', '#f8effa'],
  ['#e65100', '#ffcc80', '#fff8ee'],
  ['#00695c', '#80cbc4', '#eefaf8'],
];
export const DEMO_IMAGE_ALT = [
  '志愿者在社区广场为老人测量血压',
  '社区四点半学校里孩子们在写作业',
  '志愿者与居民一起清扫小区道路',
  '重阳节社区为高龄老人举办的联欢会',
  '物业常务志愿者帮助居民搬运物品',
  '社区志愿服务站的服务公示栏',
];

function drawing(i: number): string {
  const [a, b, c] = PALETTES[i % PALETTES.length];
  const circles = Array.from({ length: 7 }, (_, k) => {
    const x = 120 + ((k * 157 + i * 61) % 960);
    const y = 160 + ((k * 97 + i * 43) % 480);
    const r = 40 + ((k * 31 + i * 17) % 110);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${k % 2 ? a : b}" fill-opacity="0.55"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="${c}"/><rect y="560" width="1200" height="240" fill="${b}" fill-opacity="0.6"/>${circles}</svg>`;
}

export async function uploadDemoImages(strapi: Core.Strapi): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-demo-images-'));
  const ids: number[] = [];
  try {
    for (let i = 0; i < DEMO_IMAGE_ALT.length; i += 1) {
      const filepath = path.join(dir, `shequ-demo-${i + 1}.jpg`);
      await sharp(Buffer.from(drawing(i))).jpeg({ quality: 82 }).toFile(filepath);
      const [file] = await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: `shequ-demo-${i + 1}.jpg`, alternativeText: DEMO_IMAGE_ALT[i], caption: DEMO_IMAGE_ALT[i] } },
        files: { filepath, originalFilename: `shequ-demo-${i + 1}.jpg`, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
      });
      ids.push(file.id);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ids;
}
