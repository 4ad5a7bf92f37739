import type { FastifyPluginAsync } from 'fastify';
import { casesRoutes } from './cases.js';
import { criteriaRoutes } from './criteria.js';
import { exercisesRoutes } from './exercises.js';
import { jurisdictionRoutes } from './jurisdiction.js';
import { libraryRoutes } from './library.js';
import { notificationsRoutes } from './notifications.js';
import { requestsRoutes } from './requests.js';

/** The exchange of Articles 1, 5, 6 and 7, registered inside the authenticated /api/v1 scope. */
export const exchangeRoutes: FastifyPluginAsync = async (api) => {
  await api.register(notificationsRoutes);
  await api.register(requestsRoutes);
  await api.register(casesRoutes);
  await api.register(criteriaRoutes);
  await api.register(libraryRoutes);
  await api.register(exercisesRoutes);
  await api.register(jurisdictionRoutes);
};
