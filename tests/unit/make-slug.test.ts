import { describe, expect, it } from 'vitest';
import { makeSlug, slugPattern } from '../../cms/src/domain/make-slug.ts';

describe('slugs from Chinese titles', () => {
  it('spells Chinese in toneless pinyin joined by hyphens', () => {
    expect(makeSlug('东湖社区开展敬老活动')).toBe('dong-hu-she-qu-kai-zhan-jing-lao-huo-dong');
  });

  it('keeps ASCII words and drops punctuation', () => {
    expect(makeSlug('2024年“四点半学校”开学')).toMatch(/^2024-nian-si-dian-ban-xue-xiao-kai-xue$/);
  });

  it('always yields a URL-safe slug within the length limit', () => {
    for (const t of ['！！！', '社区'.repeat(80), 'Ünïcödé 社区']) {
      const s = makeSlug(t);
      expect(s).toMatch(slugPattern);
      expect(s.length).toBeLessThanOrEqual(80);
    }
  });
});
