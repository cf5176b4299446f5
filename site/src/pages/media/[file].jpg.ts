import { mediaRoute } from '../../lib/media/media-route';

// /media/<name>-<width>.jpg: see lib/media/.
export const { getStaticPaths, GET } = mediaRoute('jpg');
