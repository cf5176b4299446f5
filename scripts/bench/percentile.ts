// The p-th percentile (0–100) of a list by the nearest-rank method: the smallest value with at
// least p % of the values at or below it. With 5 values p50 is the 3rd and p95 the 5th.
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
