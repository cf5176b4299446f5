// Help requests have no core REST routes on purpose: nobody reads them over the content API,
// not even the read-only build token. The only content-API route is the public form's
// submission; the CMS guard (src/middlewares/guard-help-submission.ts) has checked address
// rate, content type and size before the body was parsed.
export default {
  type: 'content-api',
  routes: [
    {
      method: 'POST',
      path: '/help-requests/submit',
      handler: 'help-request-submission.submit',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
