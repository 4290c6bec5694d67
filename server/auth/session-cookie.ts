/**
 * The staff cookies. Over HTTPS (SECURE_COOKIES) they carry Secure and the __Host- prefix, which
 * browsers accept only from a secure origin, for path /, without a Domain: no subdomain can plant them.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../config.ts';

export interface StaffCookies {
  session: string;
  /** The pre-session CSRF binding of a browser that is not signed in. */
  csrf: string;
  options: CookieSerializeOptions;
}

export function staffCookies(config: Config): StaffCookies {
  const secure = config.SECURE_COOKIES;
  return {
    session: secure ? '__Host-jpp_session' : 'jpp_session',
    csrf: secure ? '__Host-jpp_csrf' : 'jpp_csrf',
    // Lax, not Strict: a staff member who follows a link from an e-mail arrives signed in.
    options: { path: '/', httpOnly: true, secure, sameSite: 'lax' },
  };
}
