import { pinyin } from 'pinyin-pro';

// URL-safe slug from Chinese text: toneless pinyin joined by hyphens, ASCII kept as is.
// "东湖社区开展敬老活动" → "dong-hu-she-qu-kai-zhan-jing-lao-huo-dong"
export function makeSlug(text: string, maxLength = 80): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = syllables
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return trimAtHyphen(slug, maxLength) || 'item';
}

function trimAtHyphen(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const at = cut.lastIndexOf('-');
  return (at > 20 ? cut.slice(0, at) : cut).replace(/-+$/g, '');
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
