import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::gala-edition.gala-edition');
