import { describe, expect, it } from 'vitest';
import { joinGala } from '../../site/src/lib/cms/join-gala.ts';
import { parseRecords } from '../../site/src/lib/cms/parse-records.ts';
import { galaProgrammeSchema, type GalaEdition, type GalaProgramme, type GalaVenue } from '../../site/src/lib/cms/schemas.ts';
import { galaEditionViews, galaFigures, galaVideoFile } from '../../site/src/lib/derive/gala.ts';

const edition = (documentId: string, year: number): GalaEdition => ({ documentId, year, theme: '', startDate: null, endDate: null, introduction: [], updatedAt: '' });
const venue = (documentId: string, name: string, editionId: string): GalaVenue => ({ documentId, name, edition: { documentId: editionId }, province: '42', hostCommunity: null, updatedAt: '' });
const programme = (documentId: string, over: Partial<GalaProgramme> = {}): GalaProgramme => ({
  documentId, title: `节目${documentId}`, kind: 'song', edition: { documentId: 'e26' }, venue: { documentId: 'v1' }, community: { documentId: 'c1' },
  durationMinutes: 4, performersCount: 3, videoUrl: null, video: null, description: '', updatedAt: '', ...over,
});
const communities = new Map([['c1', { provinceCode: '42' }], ['c2', { provinceCode: '42' }], ['c3', { provinceCode: '11' }]]);

describe('gala figures', () => {
  it('counts distinct performing communities and their provinces, and sums performers and minutes', () => {
    const figures = galaFigures([
      programme('p1', { community: { documentId: 'c1' }, durationMinutes: 3.5, performersCount: 10 }),
      programme('p2', { community: { documentId: 'c1' }, durationMinutes: 4, performersCount: 2 }),
      programme('p3', { community: { documentId: 'c2' }, durationMinutes: 12.5, performersCount: 6 }),
      programme('p4', { community: { documentId: 'c3' }, durationMinutes: 5, performersCount: 1 }),
      programme('p5', { community: null, durationMinutes: 0.5, performersCount: 4 }),
    ], 2, communities);
    expect(figures).toEqual({ communities: 3, provinces: 2, venues: 2, programmes: 5, performers: 23, minutes: 26 });
  });

  it('gives zeros, not errors, for an edition without programmes', () => {
    expect(galaFigures([], 0, communities)).toEqual({ communities: 0, provinces: 0, venues: 0, programmes: 0, performers: 0, minutes: 0 });
  });

  it('groups each edition\'s programmes by venue and kind, newest edition first, kinds in the list\'s order', () => {
    const views = galaEditionViews({
      editions: [edition('e25', 2025), edition('e26', 2026)],
      venues: [venue('v2', '湖北分会场', 'e26'), venue('v1', '北京分会场', 'e26'), venue('v9', '往届分会场', 'e25')],
      programmes: [
        programme('p1', { kind: 'skit' }),
        programme('p2', { kind: 'song', venue: { documentId: 'v2' } }),
        programme('p3', { kind: 'skit', venue: { documentId: 'v2' } }),
        programme('p4', { edition: { documentId: 'e25' }, venue: { documentId: 'v9' }, kind: 'opera' }),
      ],
    }, communities);
    expect(views.map((v) => v.edition.year)).toEqual([2026, 2025]);
    const [latest, older] = views;
    expect(latest.venues.map((v) => v.name)).toEqual(['北京分会场', '湖北分会场']);
    expect(latest.kinds).toEqual(['song', 'skit']);
    expect(latest.programmesByKind.get('skit')?.map((p) => p.documentId)).toEqual(['p1', 'p3']);
    expect(latest.programmesByVenue.get('v2')?.map((p) => p.documentId)).toEqual(['p2', 'p3']);
    expect(latest.figures.programmes).toBe(3);
    expect(older.figures).toMatchObject({ programmes: 1, venues: 1 });
  });
});

describe('joining the gala', () => {
  it('drops a venue from another edition, and unpublished communities, and reports the mismatch', () => {
    const joined = joinGala({
      editions: [edition('e25', 2025), edition('e26', 2026)],
      venues: [venue('v1', '北京分会场', 'e26'), venue('v9', '往届分会场', 'e25'), venue('vx', '草稿届次分会场', 'draft')],
      programmes: [
        programme('ok'),
        programme('mixed', { venue: { documentId: 'v9' } }),
        programme('lost', { community: { documentId: 'unpublished' } }),
        programme('orphan', { edition: { documentId: 'draft' } }),
      ],
    }, new Set(['c1']));
    expect(joined.venues.map((v) => v.documentId)).toEqual(['v1', 'v9']);
    expect(joined.programmes.map((p) => p.documentId)).toEqual(['ok', 'mixed', 'lost']);
    expect(joined.programmes[1].venue).toBeNull();
    expect(joined.programmes[2].community).toBeNull();
    expect(joined.problems).toEqual([expect.objectContaining({ type: 'galaProgramme', documentId: 'mixed', action: 'repaired', fields: ['venue'] })]);
  });

  it('shows a programme without a video link that is not http(s), and leaves out one with an impossible duration', () => {
    const raw = (over: Record<string, unknown>) => ({ ...programme('x'), ...over });
    const { records, problems } = parseRecords('galaProgramme', galaProgrammeSchema, [
      raw({ documentId: 'js', videoUrl: 'javascript:alert(1)' }),
      raw({ documentId: 'long', durationMinutes: 0 }),
    ], ['venue', 'community', 'videoUrl', 'video', 'description']);
    expect(records.map((r) => [r.documentId, r.videoUrl])).toEqual([['js', null]]);
    expect(problems.map((p) => [p.documentId, p.action, p.fields])).toEqual([['js', 'repaired', ['videoUrl']], ['long', 'excluded', ['durationMinutes']]]);
  });

  it('plays only uploaded mp4 and webm files, by their own file name', () => {
    expect(galaVideoFile('/uploads/chun_wan_abc123.mp4')).toBe('chun_wan_abc123.mp4');
    expect(galaVideoFile('/uploads/x.WEBM?v=1')).toBe('x.WEBM');
    expect(galaVideoFile('/uploads/x.mov')).toBeUndefined();
    expect(galaVideoFile('/uploads/../secret.mp4/')).toBeUndefined();
  });
});
