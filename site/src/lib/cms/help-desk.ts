import { cmsClient, cmsPublicUrl } from './client';
import { HELP_DESK } from './queries';
import { helpDeskSchema, type HelpDesk } from './schemas';
import { recordSnapshotPart, siteSnapshot } from './snapshot';

export interface HelpDeskData extends HelpDesk {
  // Where the form posts (the CMS's public address + the receiver's path).
  formAction: string;
}

// The help page's data: one request per build, so every page of a build carries the same token.
let cached: Promise<HelpDeskData> | undefined;
export function loadHelpDesk(): Promise<HelpDeskData> {
  cached ??= (async () => {
    // The benchmark's baseline reads the same answer from its snapshot (snapshot.ts).
    const snapshot = siteSnapshot();
    const raw = snapshot ? snapshot.helpDesk : await cmsClient().request<unknown>(HELP_DESK);
    recordSnapshotPart('helpDesk', raw);
    const parsed = helpDeskSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`CMS help desk (helpFormToken / helpRequestFigures) does not fit the site's schema: ${issues}`);
    }
    return { ...parsed.data, formAction: `${cmsPublicUrl()}/api/help-requests/submit` };
  })();
  return cached;
}

export function forgetHelpDesk(): void {
  cached = undefined;
}
