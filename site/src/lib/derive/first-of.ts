// The first `count` items that match, without walking the rest of a long list.
export function firstOf<T>(items: readonly T[], count: number, matches: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    if (matches(item)) out.push(item);
  }
  return out;
}
