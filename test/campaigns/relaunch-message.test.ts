import t from 'tap';
import { readFileSync } from 'node:fs';
import { loadMessageTemplates, mailtoUrl, relaunchMessage, surveyMinutes } from '../../server/campaigns/relaunch-message.ts';

const LINK = 'https://surveys.example.eu/s/AbCdEfGhIjKlMnOpQrStUv-_';

t.test('every template has a subject and a body that carries the link and the closing date', async (t) => {
  const all = loadMessageTemplates();
  t.ok(all.en && all.fr, 'English and French exist');
  for (const [lang, m] of Object.entries(all)) {
    t.match(m.body, /\{link\}/, `${lang} body has {link}`);
    t.match(m.body, /\{closes_on\}/, `${lang} body has {closes_on}`);
    t.match(m.body, /\{minutes\}/, `${lang} body takes the duration from the edition`);
  }
});

t.test('the message is in the link language, with the link and a readable date', async (t) => {
  const fr = relaunchMessage('fr', LINK, '2026-12-15', 20);
  t.equal(fr.language, 'fr');
  t.ok(fr.body.includes(LINK));
  t.match(fr.body, /15 décembre 2026/);
  t.notMatch(fr.body, /\{link\}|\{closes_on\}/);
  const en = relaunchMessage('en', LINK, '2026-12-15', 20);
  t.match(en.body, /15 December 2026/);
});

t.test('the duration is the one the edition states: 15 minutes in 2019, 20 in 2022', async (t) => {
  const edition = (year: string) => JSON.parse(readFileSync(`surveys/jpp-experience/${year}.json`, 'utf8')) as Record<string, unknown>;
  t.equal(surveyMinutes(edition('2019')), 15);
  t.equal(surveyMinutes(edition('2022')), 20);
  for (const lang of ['en', 'fr', 'sk', 'lt', 'bg', 'et', 'el', 'pt', 'es', 'ro']) {
    const m = relaunchMessage(lang, LINK, '2026-12-09', surveyMinutes(edition('2022')));
    t.match(m.body, /\b20\b/, `${lang}: 20`);
    t.notMatch(m.body, /\b15\b|\{minutes\}/, `${lang}: no 15 minutes left`);
  }
  t.match(relaunchMessage('en', LINK, '2026-12-15', 20).body, /20 minutes of your time/);
  // An edition that does not say: an estimate from its questions, in steps of five minutes.
  const questions = Array.from({ length: 30 }, (_, i) => ({ type: 'text', name: `q${i}` }));
  t.equal(surveyMinutes({ pages: [{ name: 'p', elements: [{ type: 'html', name: 'intro' }, { type: 'panel', name: 'x', elements: questions }] }] }), 15);
  t.equal(surveyMinutes({ description: { default: 'Short.' }, pages: [] }), 5);
});

t.test('a language without a template yet falls back to English', async (t) => {
  const hu = relaunchMessage('hu', LINK, '2026-12-15', 20);
  t.equal(hu.language, 'en');
  t.match(hu.subject, /survey/i);
});

t.test('every network language has its own relaunch message', async (t) => {
  for (const lang of ['en', 'fr', 'sk', 'lt', 'bg', 'et', 'el', 'pt', 'es', 'ro']) {
    const m = relaunchMessage(lang, LINK, '2026-12-15', 20);
    t.equal(m.language, lang);
    t.ok(m.body.includes(LINK), `${lang} carries the link`);
  }
});

t.test('the mailto link encodes subject and body so that they survive intact', async (t) => {
  const url = mailtoUrl('Rappel : enquête & suite?', 'Line one\nLine two = {x} #1 %20\n' + LINK);
  t.match(url, /^mailto:\?subject=/);
  t.notOk(/[ \r\n#]/.test(url), 'no raw space, line break or hash');
  t.match(url, /%0D%0A/, 'line breaks as CRLF');
  const params = new URLSearchParams(url.slice('mailto:?'.length).replace(/\+/g, '%2B'));
  t.equal(params.get('subject'), 'Rappel : enquête & suite?');
  t.equal(params.get('body'), 'Line one\r\nLine two = {x} #1 %20\r\n' + LINK);
  t.equal(url.split('&').length, 2, 'the only & is the one between subject and body');
});

t.test('templates that are not valid are refused with a clear error', async (t) => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'msg-'));
  writeFileSync(join(dir, 'no-en.json'), JSON.stringify({ fr: { subject: 'a', body: 'b' } }));
  t.throws(() => loadMessageTemplates(join(dir, 'no-en.json')), /needs an "en" message/);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ en: { subject: 'a' } }));
  t.throws(() => loadMessageTemplates(join(dir, 'bad.json')));
});
