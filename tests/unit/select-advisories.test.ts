import { describe, expect, it } from 'vitest';
import { acceptedSchema, auditReportSchema, selectAdvisories } from '../../scripts/lib/select-advisories.ts';

const advisory = (id: number, module_name: string, severity: string) => ({
  id, module_name, severity, github_advisory_id: `GHSA-${id}`, title: `problem ${id}`, url: `https://github.com/advisories/GHSA-${id}`,
  vulnerable_versions: '<2.0.0', patched_versions: '>=2.0.0', findings: [{ version: '1.0.0', paths: ['cms>x'] }],
});
const report = auditReportSchema.parse({
  actions: [],
  advisories: { 1: advisory(1, 'koa', 'high'), 2: advisory(2, 'qs', 'critical'), 3: advisory(3, 'lodash', 'moderate'), 4: advisory(4, 'axios', 'low') },
  metadata: {},
});

describe('choosing which advisories fail the check', () => {
  it('fails on high and critical advisories and only reports the others', () => {
    const s = selectAdvisories(report, []);
    expect(s.blocking.map((a) => a.module_name)).toEqual(['koa', 'qs']);
    expect(s.lower.map((a) => a.module_name)).toEqual(['lodash', 'axios']);
  });

  it('lets an exception accepted by GHSA id and package pass, and names exceptions no longer reported', () => {
    const accepted = acceptedSchema.parse([
      { id: 'GHSA-1', package: 'koa', reason: 'only reachable through a feature we disable', reviewed: '2026-11-29' },
      { id: 'GHSA-9', package: 'old', reason: 'fixed upstream since, kept by mistake', reviewed: '2026-01-01' },
    ]);
    const s = selectAdvisories(report, accepted);
    expect(s.blocking.map((a) => a.module_name)).toEqual(['qs']);
    expect(s.accepted.map((a) => a.module_name)).toEqual(['koa']);
    expect(s.stale.map((e) => e.id)).toEqual(['GHSA-9']);
  });

  it('does not let an exception for one package accept the same id in another', () => {
    const accepted = acceptedSchema.parse([{ id: 'GHSA-2', package: 'koa', reason: 'wrong package on purpose', reviewed: '2026-11-29' }]);
    expect(selectAdvisories(report, accepted).blocking.map((a) => a.module_name)).toEqual(['koa', 'qs']);
  });

  it('refuses an exception without a reason or a review date', () => {
    expect(acceptedSchema.safeParse([{ id: 'GHSA-1', package: 'koa', reason: '', reviewed: '2026-11-29' }]).success).toBe(false);
    expect(acceptedSchema.safeParse([{ id: 'GHSA-1', package: 'koa', reason: 'a good enough reason', reviewed: 'yesterday' }]).success).toBe(false);
  });
});
