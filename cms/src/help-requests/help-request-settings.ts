// The help-request receiver's settings, from the environment with the defaults the README
// documents. Read on every use, so tests and operators can see what is in force.
export interface HelpRequestSettings {
  // Largest request body accepted (a 2,000-character Chinese description is ~18 KB form-encoded).
  maxBodyBytes: number;
  // Submissions (of any outcome) one address may make per window.
  rateLimit: number;
  rateWindowMs: number;
  // How long a form token issued at build time is accepted: covers the daily rebuild with days to spare.
  tokenMaxAgeMs: number;
  // Where the no-JavaScript form is sent back to.
  siteUrl: string;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function helpRequestSettings(env: NodeJS.ProcessEnv = process.env): HelpRequestSettings {
  return {
    maxBodyBytes: positive(env.HELP_REQUEST_MAX_BODY_BYTES, 32_768),
    rateLimit: positive(env.HELP_REQUEST_RATE_LIMIT, 10),
    rateWindowMs: positive(env.HELP_REQUEST_RATE_WINDOW_MS, 600_000),
    tokenMaxAgeMs: positive(env.HELP_FORM_TOKEN_MAX_AGE_HOURS, 168) * 3_600_000,
    siteUrl: (env.SITE_URL ?? `http://127.0.0.1:${env.SITE_PORT ?? 4321}`).replace(/\/$/, ''),
  };
}
