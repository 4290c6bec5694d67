/**
 * The staff menu by role: one list that the navigation bar and the staff home page both show, so
 * the home page never offers less (or more) than the menu.
 */
import type { StaffPrincipal } from './principal.ts';

export interface StaffMenuEntry {
  href: string;
  label: string;
  /** What the page is for, shown on the staff home page. */
  help: string;
}

export function staffMenu(staff: StaffPrincipal | null | undefined): StaffMenuEntry[] {
  if (!staff) return [];
  const admin = staff.role === 'admin';
  const entries: StaffMenuEntry[] = [];
  if (admin) {
    entries.push({ href: '/staff/editions', label: 'Editions', help: 'publish survey editions, read their structure and preview them.' });
    entries.push({ href: '/staff/translations', label: 'Translations', help: 'each edition\'s languages: export to XLIFF or a spreadsheet, import with a preview of every change.' });
    entries.push({ href: '/staff/campaigns', label: 'Campaigns', help: 'open, extend and close campaigns; each row leads to its dashboards and links.' });
  }
  if (admin || staff.role === 'analyst') {
    entries.push({ href: '/staff/results', label: 'Results', help: 'aggregated answers of every country, cross-tabs and comparisons of editions.' });
    entries.push({ href: '/staff/country', label: 'Campaign dashboards', help: 'each campaign\'s overview of every country, and each country\'s dashboard, links, waves and targets.' });
  }
  if (staff.role === 'ipnc' && staff.country) {
    entries.push({ href: `/staff/country/${staff.country}`, label: `My country (${staff.country})`, help: `links, waves, targets and response counts for ${staff.country}.` });
    entries.push({ href: '/staff/results', label: `Results (${staff.country})`, help: `aggregated answers of ${staff.country}.` });
  }
  entries.push({ href: '/staff/exports', label: 'Exports', help: admin || staff.role === 'analyst' ? 'answers and aggregates as CSV, spreadsheet or JSON, with the codebook.' : `aggregates of ${staff.country ?? 'your country'} as CSV, spreadsheet or JSON.` });
  entries.push({ href: '/staff/reports', label: 'Reports', help: admin || staff.role === 'analyst' ? 'Word reports with charts, intervals and tests, ready for a deliverable.' : `Word reports of ${staff.country ?? 'your country'}, ready for a national briefing.` });
  if (admin) {
    entries.push({ href: '/staff/users', label: 'Staff', help: 'accounts, roles and one-time sign-in links.' });
    entries.push({ href: '/staff/audit', label: 'Audit log', help: 'every change, by whom and when.' });
  }
  return entries;
}
