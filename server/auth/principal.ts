/**
 * Who is asking: the signed-in staff member, or null. Filled on every request by the session
 * plugin (session-plugin.ts) from the session cookie; respondent routes never read it.
 */
export type Role = 'admin' | 'analyst' | 'ipnc';

export const ROLES: readonly Role[] = ['admin', 'analyst', 'ipnc'];

export interface StaffPrincipal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The one country of an IPNC; null for admins and analysts. */
  country: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null when the request carries no valid session. */
    staff: StaffPrincipal | null;
  }
}
