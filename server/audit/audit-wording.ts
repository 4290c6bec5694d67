/**
 * The audit log in words: actions and object types as sentences an admin reads, details as a short
 * list of "what: value" lines instead of raw JSON. Unknown actions and keys still show, spelled out.
 */

const ACTIONS: Record<string, string> = {
  'session.sign_in': 'Signed in',
  'session.sign_out': 'Signed out',
  'user.create': 'Created a staff account',
  'user.reset_password': 'Sent a new one-time password link',
  'user.set_password': 'Set a password',
  'edition.publish': 'Published an edition',
  'campaign.create': 'Created a campaign',
  'campaign.change_window': "Changed a campaign's dates",
  'campaign.close': 'Closed a campaign',
  'link.create': 'Created a respondent link',
  'target.set': 'Set targets',
  'wave.create': 'Recorded a wave',
  'wave.delete': 'Deleted a wave',
  'response.reattribute': 'Re-attributed responses to waves',
  'response.purge': 'Deleted responses past their retention date',
};

const OBJECT_TYPES: Record<string, string> = {
  staff_user: 'Staff member', campaign: 'Campaign', edition: 'Edition', link: 'Link', wave: 'Wave',
};

/** Object types whose entries are shown by name (auditObjectNames); others show their id. */
export const NAMED_TYPES = new Set(Object.keys(OBJECT_TYPES));

const KEYS: Record<string, string> = {
  passwordSet: 'password set', retainUntil: 'keep answers until', opensAt: 'opens', closesAt: 'closes', extendedUntil: 'extended until',
  surveyId: 'survey', contentHash: 'content hash', via: 'through', changed: 'responses changed', deleted: 'responses deleted',
};

const spelled = (s: string) => s.replace(/[._]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export function actionInWords(action: string): string {
  return ACTIONS[action] ?? spelled(action).replace(/^./, (c) => c.toUpperCase());
}

export function objectTypeInWords(type: string): string {
  return OBJECT_TYPES[type] ?? spelled(type).replace(/^./, (c) => c.toUpperCase());
}

function valueInWords(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? `${v.slice(0, 10)} ${v.slice(11, 16)} UTC` : v;
  if (Array.isArray(v)) return v.map(valueInWords).join(', ');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${KEYS[k] ?? spelled(k)} ${valueInWords(x)}`).join(', ');
  return String(v);
}

/** The detail of an entry as a short list of label and value. */
export function detailInWords(detail: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(detail).map(([k, v]) => ({ label: (KEYS[k] ?? spelled(k)).replace(/^./, (c) => c.toUpperCase()), value: valueInWords(v) }));
}
