import type { Community } from '../cms';

// Communities grouped province → city → district, in division-code order.
export interface DistrictGroup { name: string; communities: Community[] }
export interface CityGroup { name: string; districts: DistrictGroup[] }
export interface ProvinceGroup { code: string; name: string; cities: CityGroup[]; count: number }

export function directory(communities: Community[]): ProvinceGroup[] {
  const sorted = [...communities].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
  const provinces = new Map<string, ProvinceGroup>();
  for (const c of sorted) {
    let p = provinces.get(c.provinceCode);
    if (!p) provinces.set(c.provinceCode, (p = { code: c.provinceCode, name: c.provinceName, cities: [], count: 0 }));
    const cityName = c.cityName || c.provinceName;
    let city = p.cities.find((x) => x.name === cityName);
    if (!city) p.cities.push((city = { name: cityName, districts: [] }));
    const districtName = c.districtName || cityName;
    let district = city.districts.find((x) => x.name === districtName);
    if (!district) city.districts.push((district = { name: districtName, communities: [] }));
    district.communities.push(c);
    p.count += 1;
  }
  return [...provinces.values()];
}
