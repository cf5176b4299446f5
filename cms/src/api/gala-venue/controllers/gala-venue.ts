import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::gala-venue.gala-venue');
