import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';

/** The JSON of a data-* attribute, as the browser reads it. */
function dataAttribute(html: string, name: string): unknown {
  const m = html.match(new RegExp(`data-${name}="([^"]*)"`));
  const text = m![1]!.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(text);
}

t.test('the page carries the survey and its texts in the shown language only', async (t) => {
  const { app } = await buildTestApp(t);
  const { token } = await openLink(app, { language: 'fr' });
  const res = await app.inject({ url: `/s/${token}` });
  t.equal(res.statusCode, 200);
  const definition = dataAttribute(res.body, 'definition') as { title: unknown; pages: { title: unknown }[] };
  t.type(definition.title, 'string', 'the title is one text, not one per language');
  t.match(definition.title, /Enquête/);
  t.notMatch(JSON.stringify(definition), /"(default|de|es)":/, 'no other language is carried');
  const texts = dataAttribute(res.body, 'texts') as Record<string, string>;
  t.type(texts.thanks_title, 'string', 'the page texts of one language');
  t.ok(res.body.length < 80_000, `the page is ${res.body.length} bytes`);
});

t.test('another language is fetched with its survey, page texts and survey-core strings', async (t) => {
  const { app } = await buildTestApp(t);
  const { token } = await openLink(app, { language: 'fr' });
  const res = await app.inject({ url: `/s/${token}/language/es`, headers: { 'accept-encoding': 'br' } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-encoding'], 'br', 'compressed on the fly');
  t.equal(res.headers['cache-control'], 'no-store');
  const plain = await app.inject({ url: `/s/${token}/language/es` });
  const body = plain.json() as { lang: string; definition: { title: string }; texts: Record<string, string>; script: string };
  t.equal(body.lang, 'es');
  t.match(body.definition.title, /Encuesta/);
  t.match(body.script, /^\/static\/vendor\/survey-core\/i18n\/spanish\.min\.[\w-]{12}\.js$/);
  const script = await app.inject({ url: body.script });
  t.equal(script.statusCode, 200, 'its survey-core strings are served');

  const english = (await app.inject({ url: `/s/${token}/language/en` })).json() as { script: string | null; definition: { title: string } };
  t.equal(english.script, null, 'English is built into survey-core');
  t.match(english.definition.title, /^Survey about/);
});

t.test('a language the survey does not offer, or an unusable link, changes nothing and says why', async (t) => {
  const { app } = await buildTestApp(t);
  const { token } = await openLink(app, { language: 'fr' });
  const missing = await app.inject({ url: `/s/${token}/language/fi` });
  t.equal(missing.statusCode, 422);
  t.match(missing.json(), { errors: { lang: [/not a language/] } });
  t.equal((await app.inject({ url: `/s/${token}/language/x1` })).statusCode, 422, 'not a language code');
  t.equal((await app.inject({ url: '/s/AAAAAAAAAAAAAAAAAAAAAAAA/language/fr' })).statusCode, 404);
});
