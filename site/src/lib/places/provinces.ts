// The 31 provincial-level divisions (GB/T 2260 codes) and their place in the tile-grid
// cartogram: geography shown as a grid of equal tiles, never as drawn borders (a China map
// needs an officially approved standard map).
export interface Province {
  code: string;
  name: string;
  short: string;
  row: number;
  col: number;
}

export const provinces: Province[] = [
  { code: '23', name: '黑龙江省', short: '黑龙江', row: 0, col: 6 },
  { code: '15', name: '内蒙古自治区', short: '内蒙古', row: 1, col: 4 },
  { code: '11', name: '北京市', short: '北京', row: 1, col: 5 },
  { code: '22', name: '吉林省', short: '吉林', row: 1, col: 6 },
  { code: '65', name: '新疆维吾尔自治区', short: '新疆', row: 2, col: 0 },
  { code: '62', name: '甘肃省', short: '甘肃', row: 2, col: 1 },
  { code: '64', name: '宁夏回族自治区', short: '宁夏', row: 2, col: 2 },
  { code: '14', name: '山西省', short: '山西', row: 2, col: 3 },
  { code: '13', name: '河北省', short: '河北', row: 2, col: 4 },
  { code: '12', name: '天津市', short: '天津', row: 2, col: 5 },
  { code: '21', name: '辽宁省', short: '辽宁', row: 2, col: 6 },
  { code: '54', name: '西藏自治区', short: '西藏', row: 3, col: 0 },
  { code: '63', name: '青海省', short: '青海', row: 3, col: 1 },
  { code: '61', name: '陕西省', short: '陕西', row: 3, col: 2 },
  { code: '41', name: '河南省', short: '河南', row: 3, col: 3 },
  { code: '37', name: '山东省', short: '山东', row: 3, col: 4 },
  { code: '32', name: '江苏省', short: '江苏', row: 3, col: 5 },
  { code: '31', name: '上海市', short: '上海', row: 3, col: 6 },
  { code: '51', name: '四川省', short: '四川', row: 4, col: 1 },
  { code: '50', name: '重庆市', short: '重庆', row: 4, col: 2 },
  { code: '42', name: '湖北省', short: '湖北', row: 4, col: 3 },
  { code: '34', name: '安徽省', short: '安徽', row: 4, col: 4 },
  { code: '33', name: '浙江省', short: '浙江', row: 4, col: 5 },
  { code: '53', name: '云南省', short: '云南', row: 5, col: 1 },
  { code: '52', name: '贵州省', short: '贵州', row: 5, col: 2 },
  { code: '43', name: '湖南省', short: '湖南', row: 5, col: 3 },
  { code: '36', name: '江西省', short: '江西', row: 5, col: 4 },
  { code: '35', name: '福建省', short: '福建', row: 5, col: 5 },
  { code: '45', name: '广西壮族自治区', short: '广西', row: 6, col: 2 },
  { code: '44', name: '广东省', short: '广东', row: 6, col: 3 },
  { code: '46', name: '海南省', short: '海南', row: 7, col: 3 },
];

export const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
