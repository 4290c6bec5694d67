/** Reads a .docx back for tests: its document XML, the text of its paragraphs, headings, tables and pictures. */
import JSZip from 'jszip';

export interface DocxContent {
  xml: string;
  /** Every paragraph's text, in order. */
  paragraphs: string[];
  /** [style, text] of every heading paragraph. */
  headings: [string, string][];
  tables: number;
  /** Names of the pictures in word/media/. */
  media: string[];
  text: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export async function readDocx(buffer: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs: string[] = [];
  const headings: [string, string][] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const text = unescape([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    paragraphs.push(text);
    const style = m[0].match(/<w:pStyle w:val="([^"]+)"/)?.[1];
    if (style && /^(Heading\d|Title)$/.test(style)) headings.push([style, text]);
  }
  return {
    xml, paragraphs, headings,
    tables: (xml.match(/<w:tbl>/g) ?? []).length,
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
    text: paragraphs.join('\n'),
  };
}
