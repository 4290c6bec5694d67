/** The channels a national contact shares links through, and the network's languages. */
export const CHANNELS = ['ipnc_email', 'social_media', 'event', 'newsletter', 'website', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  ipnc_email: 'IPNC e-mail',
  social_media: 'Social media',
  event: 'Event',
  newsletter: 'Newsletter',
  website: 'Website',
  other: 'Other',
};

export const LANGUAGES = ['en', 'fr', 'sk', 'lt', 'bg', 'et', 'el', 'pt', 'es', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Names of the languages in themselves, for the respondent's language switcher. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', fr: 'Français', sk: 'Slovenčina', lt: 'Lietuvių', bg: 'Български', et: 'Eesti',
  el: 'Ελληνικά', pt: 'Português', es: 'Español', ro: 'Română',
};

/** Link tokens: 144 random bits, URL-safe; anything else is not a token and gets the same 404. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;
