/** QR codes of a link's URL for posters and slides, drawn on the server (no third-party service). */
import QRCode from 'qrcode';

const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4, color: { dark: '#000000', light: '#ffffff' } };

export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** A PNG large enough to print on an A4 poster (about 10 cm at 300 dpi). */
export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: 1200 });
}

/** A file name from the link's country, channel and label: letters, digits and dashes only. */
export function qrFileName(link: { country: string; channel: string; label: string }, ext: 'svg' | 'png'): string {
  const slug = `${link.country}-${link.channel}-${link.label}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `survey-link-${slug || 'qr'}.${ext}`;
}
