import { defineMiddleware } from 'astro:middleware';
import { registerRendererHooks } from './lib/routes/renderer-hooks';
import { IS_RENDERER } from './lib/routes/renderer-mode';

// In the warm renderer, the publisher's control hooks exist from the first request on. The
// static build and the preview pass straight through.
export const onRequest = defineMiddleware((_context, next) => {
  if (IS_RENDERER) registerRendererHooks();
  return next();
});
