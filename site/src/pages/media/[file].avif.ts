import { mediaRoute } from '../../lib/media/media-route';

// /media/<name>-<width>.avif: see lib/media/.
export const { getStaticPaths, GET } = mediaRoute('avif');
