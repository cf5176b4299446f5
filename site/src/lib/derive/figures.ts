import type { Community, Ledger } from '../cms';

// Network figures computed from the data itself, never typed in.
export interface Totals {
  communities: number;
  provinces: number;
  ledgers: number;
  volunteers: number;
  served: number;
  hours: number;
}

export interface Activity {
  ledgers: number;
  volunteers: number;
  served: number;
  hours: number;
}

const empty = (): Activity => ({ ledgers: 0, volunteers: 0, served: 0, hours: 0 });
const add = (a: Activity, l: Ledger) => {
  a.ledgers += 1;
  a.volunteers += l.volunteersCount;
  a.served += l.peopleServed;
  a.hours += l.serviceHours;
};

// The ledgers' sums are added up from the months' (in month order), so that an index patched
// after a change (site-index.ts) and a full build add the same numbers in the same order.
export function totals(communities: Community[], activityByMonth: Map<string, Activity>): Totals {
  const all = empty();
  for (const month of [...activityByMonth.keys()].sort()) {
    const a = activityByMonth.get(month)!;
    all.ledgers += a.ledgers;
    all.volunteers += a.volunteers;
    all.served += a.served;
    all.hours += a.hours;
  }
  return {
    communities: communities.length,
    provinces: new Set(communities.map((c) => c.provinceCode)).size,
    ledgers: all.ledgers,
    volunteers: all.volunteers,
    served: all.served,
    hours: Math.round(all.hours),
  };
}

export function activityBy<K>(ledgers: Ledger[], key: (l: Ledger) => K | undefined): Map<K, Activity> {
  const out = new Map<K, Activity>();
  for (const l of ledgers) {
    const k = key(l);
    if (k === undefined) continue;
    let a = out.get(k);
    if (!a) out.set(k, (a = empty()));
    add(a, l);
  }
  return out;
}

// The last `count` calendar months ending with the newest ledger's month, oldest first
// (`newest`: that ledger's activity date; the site keeps ledgers newest first).
export function lastMonths(newest: string | undefined, count = 12): string[] {
  if (!newest) return [];
  let [y, m] = newest.slice(0, 7).split('-').map(Number);
  const months: string[] = [];
  for (let i = 0; i < count; i += 1) {
    months.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}
