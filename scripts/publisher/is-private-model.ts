// Content the site never shows record by record (help requests: personal data, counts only).
// Their webhook events are acknowledged but build nothing, so a form submission or an editor's
// triage does not rebuild the site; the daily fingerprint change refreshes their counts.
const PRIVATE_MODELS = new Set(['help-request', 'api::help-request.help-request']);

export const isPrivateModel = (model: string | undefined): boolean => model !== undefined && PRIVATE_MODELS.has(model);
