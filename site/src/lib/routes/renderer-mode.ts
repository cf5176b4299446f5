// True only in the warm renderer (site/astro.render.config.mjs defines it at build time); false
// in the static build and the draft preview, where the code that reads it is dropped.
export const IS_RENDERER: boolean = import.meta.env.SHEQU_RENDERER === true;
