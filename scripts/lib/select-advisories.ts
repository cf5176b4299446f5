import { z } from 'zod';

// The parts of `pnpm audit --json` (npm's audit report format) the advisory check reads.
const advisorySchema = z.object({
  id: z.union([z.number(), z.string()]),
  github_advisory_id: z.string().optional(),
  module_name: z.string(),
  severity: z.string(),
  title: z.string(),
  url: z.string().optional(),
  vulnerable_versions: z.string().optional(),
  patched_versions: z.string().optional(),
  findings: z.array(z.object({ version: z.string(), paths: z.array(z.string()).optional() })).optional(),
});
export const auditReportSchema = z.object({ advisories: z.record(z.string(), advisorySchema) });
export type Advisory = z.output<typeof advisorySchema>;

// One accepted exception, kept in advisories-accepted.json with why it does not apply to Shequ.
export const acceptedSchema = z.array(
  z.object({
    id: z.string().min(1),
    package: z.string().min(1),
    reason: z.string().min(10),
    reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
);
export type Accepted = z.output<typeof acceptedSchema>[number];

const BLOCKING = new Set(['high', 'critical']);
const idsOf = (a: Advisory) => [String(a.id), a.github_advisory_id, a.url].filter((x): x is string => Boolean(x));

export interface AdvisorySelection {
  blocking: Advisory[]; // high or critical and not accepted: the check fails
  accepted: Advisory[]; // high or critical, accepted with a reason
  lower: Advisory[]; // moderate and below: reported, never blocking
  stale: Accepted[]; // accepted exceptions no longer reported: remove them from the file
}

// Sorts an audit report's advisories by what the check does with them.
export function selectAdvisories(report: z.output<typeof auditReportSchema>, accepted: Accepted[]): AdvisorySelection {
  const all = Object.values(report.advisories);
  const isAccepted = (a: Advisory) => accepted.some((e) => e.package === a.module_name && idsOf(a).includes(e.id));
  const high = all.filter((a) => BLOCKING.has(a.severity.toLowerCase()));
  return {
    blocking: high.filter((a) => !isAccepted(a)),
    accepted: high.filter(isAccepted),
    lower: all.filter((a) => !BLOCKING.has(a.severity.toLowerCase())),
    stale: accepted.filter((e) => !all.some((a) => a.module_name === e.package && idsOf(a).includes(e.id))),
  };
}
