import { mediaRoute } from '../../lib/media/media-route';

// /media/<name>-<width>.webp: see lib/media/.
export const { getStaticPaths, GET } = mediaRoute('webp');
