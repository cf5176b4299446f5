// Where a page's URL lives in a release built with `build.format: 'directory'`:
//   /            → index.html          /a/b/        → a/b/index.html
//   /404.html    → 404.html            /feeds/x.xml → feeds/x.xml
// and back. Shared by the warm renderer's callers and the layered releases, so that a rendered
// page lands exactly where `astro build` would have written it.
export function urlPathToFile(urlPath: string): string {
  if (!urlPath.startsWith('/') || urlPath.includes('\\') || /[?#]/.test(urlPath)) throw new Error(`not a site path: ${JSON.stringify(urlPath)}`);
  const segments = urlPath.slice(1).split('/');
  const last = segments.pop()!;
  const decoded = segments.map((s) => decodeURIComponent(s));
  if (decoded.some((s) => s === '' || s === '.' || s === '..' || s.includes('/'))) throw new Error(`not a site path: ${JSON.stringify(urlPath)}`);
  if (last === '') return [...decoded, 'index.html'].join('/');
  const file = decodeURIComponent(last);
  // A page without a trailing slash has no file of its own (trailingSlash: 'always').
  if (!file.includes('.') || file === '.' || file === '..' || file.includes('/')) throw new Error(`not a file path in the release: ${JSON.stringify(urlPath)} (pages end with /)`);
  return [...decoded, file].join('/');
}

export function fileToUrlPath(file: string): string {
  const segments = file.split(/[\\/]/).filter(Boolean);
  if (segments.at(-1) === 'index.html') return `/${segments.slice(0, -1).map(encodeURIComponent).join('/')}${segments.length > 1 ? '/' : ''}`;
  return `/${segments.map(encodeURIComponent).join('/')}`;
}
