import { compareText } from './compare-text.ts';

// Monthly archives keep URLs stable as content grows: a new article lands in its month's page
// and changes no other archive page.
export const monthOf = (isoDate: string) => isoDate.slice(0, 7);

export function groupByMonth<T>(items: T[], date: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const m = monthOf(date(item));
    const list = out.get(m) ?? [];
    list.push(item);
    out.set(m, list);
  }
  // Newest month first, items newest first within a month.
  return new Map([...out.entries()].sort((a, b) => compareText(b[0], a[0])).map(([m, list]) => [m, list.sort((x, y) => compareText(date(y), date(x)))]));
}

// Neighbouring months that have content, for previous/next links.
export function neighbours(months: string[], month: string): { newer?: string; older?: string } {
  const i = months.indexOf(month);
  return { newer: i > 0 ? months[i - 1] : undefined, older: i >= 0 && i < months.length - 1 ? months[i + 1] : undefined };
}
