/**
 * XLIFF 1.2, the version OmegaT, memoQ and Trados all read. Written with fast-xml-parser's builder
 * (which escapes every text and attribute); read only after the file has shown no document type
 * declaration, no entity but XML's five and no external reference, so that nothing in the file can
 * make the parser expand, fetch or include anything.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseEditionRef, UnreadableFileError, type TranslationDocument, type TranslationUnit } from './translation-document.ts';

const NS = 'urn:oasis:names:tc:xliff:document:1.2';
const PRODUCT = 'jpp-survey';

export function writeXliff(doc: TranslationDocument): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', processEntities: true, suppressEmptyNode: false });
  const units = doc.units.map((u) => ({
    '@_id': u.id,
    '@_xml:space': 'preserve',
    source: { '#text': u.source },
    target: { '@_state': u.target ? 'translated' : 'needs-translation', '#text': u.target },
    ...(u.note ? { note: { '#text': u.note } } : {}),
  }));
  const xml = builder.build({
    xliff: {
      '@_version': '1.2',
      '@_xmlns': NS,
      file: {
        '@_original': `${doc.surveyId}/${doc.edition}`,
        '@_source-language': 'en',
        '@_target-language': doc.language,
        '@_datatype': 'plaintext',
        '@_product-name': PRODUCT,
        header: { 'prop-group': { '@_name': PRODUCT, prop: { '@_prop-type': 'scope', '#text': doc.scope } } },
        body: { 'trans-unit': units },
      },
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Refuses what could make an XML reader expand, fetch or include anything. */
function refuseHostileXml(xml: string): void {
  if (/<!DOCTYPE/i.test(xml)) throw new UnreadableFileError('The file declares a document type (<!DOCTYPE>); translation files must not.');
  if (/<!(ENTITY|ELEMENT|ATTLIST|NOTATION)/i.test(xml)) throw new UnreadableFileError('The file declares entities or a schema inline; translation files must not.');
  if (/<\?xml-stylesheet|xinclude|<xi:include|<[a-z0-9]+:include\b/i.test(xml)) throw new UnreadableFileError('The file refers to an external document (stylesheet or XInclude); translation files must not.');
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)[^\s;<]{0,40};?/.exec(xml);
  if (entity) throw new UnreadableFileError(`The file uses the entity "${entity[0]}"; only &amp; &lt; &gt; &quot; &apos; and character references are allowed.`);
}

type Node = Record<string, unknown>;
const textOf = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const inner = Object.keys(v as Node).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (inner.length > 0) throw new UnreadableFileError(`A unit holds XML markup (<${inner[0]}>) inside its text; write HTML as escaped text, as exported.`);
  const t = (v as Node)['#text'];
  return t === undefined ? '' : String(t);
};

export function readXliff(xml: string): TranslationDocument {
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  refuseHostileXml(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UnreadableFileError(`The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: false,
    processEntities: true, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true,
    isArray: (name) => name === 'trans-unit' || name === 'file',
  });
  const parsed = parser.parse(xml) as Node;
  const xliff = parsed.xliff as Node | undefined;
  if (!xliff || typeof xliff !== 'object') throw new UnreadableFileError('The file is not XLIFF (no <xliff> element).');
  if (xliff['@_version'] !== '1.2') throw new UnreadableFileError(`The file is XLIFF ${String(xliff['@_version'] ?? '(no version)')}; export and import use XLIFF 1.2.`);
  const files = (xliff.file ?? []) as Node[];
  if (files.length !== 1) throw new UnreadableFileError('The file must hold exactly one <file> element (one edition, one language).');
  const file = files[0]!;
  const ref = parseEditionRef(String(file['@_original'] ?? ''));
  if (!ref) throw new UnreadableFileError('The <file original="…"> attribute must name the edition, e.g. jpp-experience/2022.');
  const language = String(file['@_target-language'] ?? '').trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language)) throw new UnreadableFileError('The <file target-language="…"> attribute must be a language code such as sk.');
  const header = file.header as Node | undefined;
  const prop = (header?.['prop-group'] as Node | undefined)?.prop as Node | undefined;
  const scope = prop && textOf(prop) === 'new' ? 'new' : 'all';
  const body = file.body as Node | undefined;
  const rawUnits = ((body && typeof body === 'object' ? body['trans-unit'] : undefined) ?? []) as Node[];
  const units: TranslationUnit[] = rawUnits.map((u) => ({
    id: String(u['@_id'] ?? ''),
    source: textOf(u.source),
    target: textOf(u.target),
  }));
  return { ...ref, language, scope, units };
}
