/**
 * Pictures in a definition (`imageLink` of an image element or an image item, the survey's `logo`):
 * a respondent's browser must fetch nothing from another host, so only images written into the
 * definition itself (`data:` URLs) or served by this server from its own image folder
 * (`/assets/img/<file>`, public/img) are allowed, in the raster formats browsers draw without running
 * anything (no SVG, which may carry scripts), and small enough to travel with every survey page.
 */
export const IMAGE_KEYS = /^(imageLink|logo)$/;
export const INLINE_IMAGE_LIMIT_BYTES = 100 * 1024;
/** A picture of this server's own image folder: one file name, no folders, no way out of it. */
const SERVED_IMAGE = /^\/assets\/img\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}\.(png|jpe?g|gif|webp)$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})$/;

/** Why an image value is refused, or null when it is an inline image within the limit. */
export function inlineImageProblem(value: unknown): string | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // A localised link: one image per language.
    for (const v of Object.values(value)) {
      const p = inlineImageProblem(v);
      if (p) return p;
    }
    return null;
  }
  if (typeof value !== 'string' || value === '') return null;
  if (SERVED_IMAGE.test(value) && !value.includes('..')) return null;
  const allowed = `only inline images (data:image/png, jpeg, gif or webp in base64, up to ${INLINE_IMAGE_LIMIT_BYTES / 1024} KB) or this server's own pictures (/assets/img/<file>.png, .jpg, .gif or .webp) are allowed; remote addresses are refused, as the survey page loads nothing from another host`;
  // Cheap length test first: the base64 of the limit is 4/3 of it.
  if (value.startsWith('data:') && value.length > (INLINE_IMAGE_LIMIT_BYTES * 4) / 3 + 64) {
    return `the inline image is about ${Math.round((value.length * 3) / 4 / 1024)} KB; ${allowed}`;
  }
  const m = DATA_IMAGE.exec(value);
  if (!m) return allowed;
  const bytes = Math.floor((m[2]!.length * 3) / 4) - (m[2]!.endsWith('==') ? 2 : m[2]!.endsWith('=') ? 1 : 0);
  if (bytes > INLINE_IMAGE_LIMIT_BYTES) return `the inline image is ${Math.round(bytes / 1024)} KB; ${allowed}`;
  return null;
}
