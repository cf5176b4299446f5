import { helpRequestMessages as m } from '../domain/vocabulary';
import { helpRequestSettings } from './help-request-settings';
import { renderSubmissionPage } from './render-submission-page';
import type { FieldError, SubmissionContext } from './submission-context';

// The form is sent two ways: by the browser itself (no JavaScript: the reader must land on a
// page) and by the page's script (Accept: application/json: it shows the answer inline).

// What the reader typed (the kind is a choice, not text to keep).
const TYPED_FIELDS = ['name', 'contact', 'place', 'description'] as const;

export const wantsJson = (ctx: SubmissionContext) => /application\/json/i.test(ctx.get('accept'));

export function answerAccepted(ctx: SubmissionContext): void {
  if (wantsJson(ctx)) {
    ctx.status = 201;
    ctx.body = { ok: true };
    return;
  }
  ctx.status = 303;
  ctx.redirect(`${helpRequestSettings().siteUrl}/help/sent/`);
}

export function answerRefused(ctx: SubmissionContext, status: number, errors: FieldError[], submitted: Record<string, unknown> = {}, duplicate = false): void {
  ctx.status = status;
  if (wantsJson(ctx)) {
    ctx.body = { ok: false, duplicate, errors };
    return;
  }
  const labels = m.formLabels;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.body = renderSubmissionPage({
    title: duplicate ? m.duplicateTitle : m.pageTitle,
    intro: duplicate ? '' : m.pageIntro,
    errors: errors.map((e) => e.message),
    submitted: duplicate ? [] : TYPED_FIELDS.map((f) => ({ label: labels[f], value: typeof submitted[f] === 'string' ? (submitted[f] as string) : '' })),
    helpUrl: `${helpRequestSettings().siteUrl}/help/`,
  });
}
