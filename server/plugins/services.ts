/** Builds the services once per app and decorates `fastify.services`. */
import fp from 'fastify-plugin';
import { AuditService } from '../audit/audit-service.ts';
import { SessionService } from '../auth/session-service.ts';
import { ResponseService } from '../responses/response-service.ts';
import { UserService } from '../users/user-service.ts';

export interface Services {
  responses: ResponseService;
  /** The audit log: `record()` every staff change. */
  audit: AuditService;
  sessions: SessionService;
  users: UserService;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's services; routes call these and nothing below them. */
    services: Services;
  }
}

export default fp(
  async (fastify) => {
    const sessions = new SessionService(fastify.db, {
      idleMinutes: fastify.config.SESSION_IDLE_MINUTES,
      absoluteHours: fastify.config.SESSION_ABSOLUTE_HOURS,
    });
    fastify.decorate('services', {
      responses: new ResponseService(fastify.db),
      audit: new AuditService(fastify.db),
      sessions,
      users: new UserService(fastify.db, sessions, () => fastify.reference.countryCodes),
    });
  },
  { name: 'services', dependencies: ['database'] },
);
