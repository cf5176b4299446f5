import type { RecordProblem } from './cms/parse-records';

// Problems found in CMS data during one build. Pages and the integration that writes the
// report may load this module as different instances (Vite's SSR graph vs. the config), so
// the list lives on globalThis.
const KEY = Symbol.for('shequ.buildReport');
type Store = { problems: RecordProblem[] };

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  g[KEY] ??= { problems: [] };
  return g[KEY]!;
}

export function reportProblems(problems: RecordProblem[]): void {
  store().problems.push(...problems);
}

// The warm renderer reads the data again on reload; the problems are found again with it.
export function forgetReportedProblems(): void {
  store().problems = [];
}

export function reportedProblems(): RecordProblem[] {
  return store().problems;
}
