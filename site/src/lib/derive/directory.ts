import { compareText } from './compare-text.ts';
import type { Community } from '../cms';

// Communities grouped province → city → district, in division-code order. A city is the first
// four digits of the division code (a municipality's districts are its 市辖区 "city"), a stable
// key for the city's directory page (/provinces/<code>/<city>/).
export interface DistrictGroup { name: string; communities: Community[] }
export interface CityGroup { code: string; name: string; districts: DistrictGroup[]; count: number }
export const cityCodeOf = (c: Pick<Community, 'divisionCode'>) => c.divisionCode.slice(0, 4);
export interface ProvinceGroup { code: string; name: string; cities: CityGroup[]; count: number }

export function directory(communities: Community[]): ProvinceGroup[] {
  const sorted = [...communities].sort((a, b) => compareText(a.divisionCode, b.divisionCode));
  const provinces = new Map<string, ProvinceGroup>();
  for (const c of sorted) {
    let p = provinces.get(c.provinceCode);
    if (!p) provinces.set(c.provinceCode, (p = { code: c.provinceCode, name: c.provinceName, cities: [], count: 0 }));
    const cityName = c.cityName || c.provinceName;
    const cityCode = cityCodeOf(c);
    let city = p.cities.at(-1)?.code === cityCode ? p.cities.at(-1) : undefined;
    if (!city) p.cities.push((city = { code: cityCode, name: cityName, districts: [], count: 0 }));
    const districtName = c.districtName || cityName;
    let district = city.districts.find((x) => x.name === districtName);
    if (!district) city.districts.push((district = { name: districtName, communities: [] }));
    district.communities.push(c);
    city.count += 1;
    p.count += 1;
  }
  return [...provinces.values()];
}
