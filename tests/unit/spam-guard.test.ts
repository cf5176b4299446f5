import { describe, expect, it } from 'vitest';
import { checkLinkUrl, linkAllowlist, scanBlocks, scanPlainText, signatures } from '../../scripts/spam-guard/index.js';
import * as demo from '../../cms/src/seed/demo-text.ts';
import { createRandom } from '../../cms/src/seed/random.ts';

// The reviewed signatures (scripts/spam-guard/signatures.json): what they must catch, and the
// ordinary community news they must let through.
const allowlist = linkAllowlist({});
const signaturesIn = (text: string) => scanPlainText(text, allowlist).map((f) => f.signature);

const GAMBLING = [
  '888体育', '365娱乐', '500彩票', '99真人', '8868国际', '188 体育', '澳门真人', '澳门赌场', '澳门新葡京', '亚博体育', '开云体育官网', 'KAIYUN体育',
  '在线棋牌', '棋牌游戏', '棋牌平台', '百家乐', '六合彩', '时时彩', '北京赛车PK10', '老虎机', '真人荷官', '赌场', '博彩', '娱乐城', '注册送88',
  '彩票app下载', 'casino', 'Online Casino bonus', 'baccarat', 'lottery', 'sportsbook',
  '８８８体育', '888\u200b体育', '３６５娱乐',
];
const HIDDEN = [
  '<div style="display:none"><a href="/x">x</a></div>', 'display: none', 'visibility:hidden', 'font-size:0', 'font-size: 0px;', 'opacity:0;',
  'height:0;overflow:hidden', 'position:absolute;left:-9999px', 'text-indent:-10000px', '<span hidden>x</span>', '<marquee>x</marquee>', '<font size=0>x</font>',
];
const LINKS = ['详见 https://bet888.example/', '访问 www.hg0088.com', '网址 vip888.cc', '//evil.example/path', 'http://1.2.3.4/'];
const ORDINARY = [
  '社区体育活动', '全民健身', '体育公园', '国际志愿者日', '12月5日国际志愿者日', '2025国际志愿者日主题活动', '老年大学', '社区棋牌室开放时间',
  '体育彩票投注站', '百家乐园社区', '福利彩票公益金资助社区养老', '以下注意事项请居民知悉', '澳门回归25周年', '2024年全民健身日', '第3届社区运动会', '金沙国际花园社区',
  '太阳城社区志愿服务站', '联系邮箱 service@163.com', '详见中国政府网 https://www.gov.cn/zhengce/', '民政部网站 www.mca.gov.cn',
  '宽度 0.5 米的坡道', '电话 027-82345678', '服务时长 3.5 小时', '宁波市第1中学', 'Кириллица ελληνικά', '反对赌博，远离毒品',
];

describe('the spam signatures', () => {
  it('each carry an id, a Chinese description and a reason, and compile', () => {
    for (const s of [...signatures.text, ...signatures.hidden]) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.description).toMatch(/[\u4e00-\u9fff]/);
      expect(s.reason.length).toBeGreaterThan(10);
      expect(() => new RegExp(s.pattern, `${s.flags}u`)).not.toThrow();
    }
  });

  it(`catch all ${GAMBLING.length} gambling brands and patterns`, () => {
    for (const text of GAMBLING) expect(signaturesIn(`社区新闻${text}欢迎`), text).not.toEqual([]);
  });

  it(`catch all ${HIDDEN.length} kinds of hidden text and links`, () => {
    for (const text of HIDDEN) expect(signaturesIn(text), text).not.toEqual([]);
  });

  it(`catch all ${LINKS.length} links to domains outside the allowlist in plain text`, () => {
    for (const text of LINKS) expect(signaturesIn(text), text).toContain('link-not-allowed');
  });

  it(`let all ${ORDINARY.length} pieces of ordinary community news through`, () => {
    for (const text of ORDINARY) expect(signaturesIn(text), text).toEqual([]);
  });

  it('let every demo title, article body and the About page through', () => {
    const r = createRandom(7);
    const texts: string[] = [
      ...demo.CENTRAL_POLICY_TITLES, ...demo.STATION_NEWS_TITLES, ...demo.OFFICER_ROLES, ...demo.PROPERTY_COMPANIES,
      ...[...demo.LOCAL_NEWS_TEMPLATES, ...demo.COMMUNITY_NEWS_TEMPLATES, ...demo.MODEL_COMMUNITY_TEMPLATES].map((t) => t('百步亭社区')),
      ...Object.values(demo.TEAM_NAMES).flat(), ...Object.values(demo.SOURCES).flat(),
    ];
    for (const text of texts) expect(signaturesIn(text), text).toEqual([]);
    for (const channel of Object.keys(demo.SOURCES)) expect(scanBlocks(demo.articleBody(r, channel, '百步亭社区'), allowlist), channel).toEqual([]);
    expect(scanBlocks(demo.ABOUT_PAGE.body, allowlist)).toEqual([]);
  });
});

describe('links in rich text', () => {
  it('are allowed to the site itself, gov.cn and its subdomains, and mailto', () => {
    for (const url of ['/about/', '#top', 'https://www.gov.cn/', 'https://www.mca.gov.cn/n152/', 'http://gov.cn', 'mailto:a@b.cn']) expect(checkLinkUrl(url, allowlist), url).toBeUndefined();
  });

  it('are refused to other domains and to javascript:, data: and protocol-relative targets', () => {
    for (const url of ['https://bet888.example/', 'https://gov.cn.evil.example/', 'https://evilgov.cn/', 'javascript:alert(1)', 'data:text/html,x', '//evil.example/']) {
      expect(checkLinkUrl(url, allowlist), url).toMatchObject({ signature: 'link-not-allowed' });
    }
  });

  it('can be extended with SHEQU_LINK_ALLOWLIST and always include the site host', () => {
    const extended = linkAllowlist({ SHEQU_LINK_ALLOWLIST: 'example.org, *.example.com', SITE_URL: 'https://shequ.example.net/' });
    for (const url of ['https://example.org/a', 'https://news.example.com/', 'https://shequ.example.net/articles/x/']) expect(checkLinkUrl(url, extended), url).toBeUndefined();
    expect(checkLinkUrl('https://example.org/a', allowlist)).toBeDefined();
  });

  it('catch a brand split over styled runs and a spam link in blocks', () => {
    const blocks = [{ type: 'paragraph', children: [{ type: 'text', text: '888', bold: true }, { type: 'text', text: '体育' }, { type: 'link', url: 'https://bet.example/', children: [{ type: 'text', text: '点此' }] }] }];
    expect(scanBlocks(blocks, allowlist).map((f) => f.signature).sort()).toEqual(['digits-gambling-brand', 'link-not-allowed']);
  });
});
