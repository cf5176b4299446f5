import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::gala-edition.gala-edition');
