/**
 * Page data for every staff page: the signed-in member, the CSRF token for its forms, and the
 * navigation (views/partials/common/staff-nav.hbs), on top of the page's own data.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffPrincipal } from './principal.ts';
import { staffMenu, type StaffMenuEntry } from './staff-menu.ts';

export interface StaffNavFlags {
  admin: boolean;
  analyst: boolean;
  ipnc: boolean;
  /** Aggregated results of every country: analysts and admins. */
  results: boolean;
}

export type StaffPageData<T> = T & {
  staff: StaffPrincipal | null;
  csrfToken: string | null;
  staffNav: true;
  pageTitle: string;
  can: StaffNavFlags;
  /** The menu of this member's role, shown in the navigation bar and on the staff home page. */
  menu: StaffMenuEntry[];
  styles: string[];
  scripts: string[];
};

export function staffView<T extends Record<string, unknown>>(request: FastifyRequest, data: T): StaffPageData<T> {
  const staff = request.staff;
  const role = staff?.role;
  const pageTitle = typeof data.pageTitle === 'string' ? `${data.pageTitle} · JPP surveys` : 'JPP surveys';
  const styles = Array.isArray(data.styles) ? (data.styles as string[]) : [];
  const scripts = Array.isArray(data.scripts) ? (data.scripts as string[]) : [];
  return {
    ...data,
    styles: [...styles, '/assets/css/staff.css'],
    // Confirmations (data-confirm) and copy buttons (data-copy) on every staff page.
    scripts: [...scripts, '/assets/js/staff-console.js'],
    staff,
    csrfToken: request.csrfToken,
    staffNav: true,
    pageTitle,
    menu: staffMenu(staff),
    can: { admin: role === 'admin', analyst: role === 'analyst', ipnc: role === 'ipnc', results: role === 'admin' || role === 'analyst' },
  };
}
