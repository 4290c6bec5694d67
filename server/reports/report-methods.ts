/**
 * The methods section, written from the data: the edition, each campaign's window and waves,
 * responses per country against the targets, the languages answered in, the small-group rule, and
 * how the intervals and tests are computed.
 */
import { percent, type ReportTable } from '../../analysis/report-tables.ts';
import { heading, para, table, type Block } from './docx-blocks.ts';
import type { ReportData } from './report-data.ts';

const count = (n: number | null) => (n === null ? 'hidden' : String(n));

function fieldworkBlocks(d: ReportData): Block[] {
  if (d.campaigns.length === 0) return [para('No campaign of this edition is recorded.')];
  const blocks: Block[] = [];
  for (const c of d.campaigns) {
    const window = `${c.opens} to ${c.closes}${c.extendedUntil ? `, extended until ${c.extendedUntil}` : ''}`;
    blocks.push(heading(`Campaign: ${c.name}`, 3), para(`Open from ${window}.`));
    if (c.waves.length > 0) {
      blocks.push(...table({
        caption: 'Waves: the dates invitations, reminders and relaunches went out',
        head: ['Date', 'Wave', 'Country', 'Channel'],
        rows: c.waves.map((w) => [w.day, w.kind, w.country ?? 'every country', w.channel ?? 'every channel']),
      }));
    } else blocks.push(para('No waves are recorded for this campaign.', { italic: true }));
    if (c.countries.length > 0) {
      const t: ReportTable = {
        caption: 'Complete responses per country of the link, for the whole campaign, against the target (invited)',
        head: ['Country', 'Complete responses', 'Target', 'Response rate'],
        rows: c.countries.map((r) => [r.name, count(r.complete), r.invited === null ? 'no target' : String(r.invited), r.rate === null ? '—' : percent(r.rate)]),
      };
      if (c.total) t.foot = ['Total', count(c.total.complete), c.total.invited === null ? '—' : String(c.total.invited), ''];
      blocks.push(...table(t));
    }
  }
  return blocks;
}

export function methodsSection(d: ReportData): Block[] {
  const e = d.request.edition;
  const blocks: Block[] = [
    heading('Methods', 1),
    heading('The survey', 2),
    para(`${e.title}, edition ${e.edition} (version ${e.version}, published ${e.published_at instanceof Date ? e.published_at.toISOString().slice(0, 10) : String(e.published_at).slice(0, 10)}). Responses are anonymous: no name, address or organisation is stored with them.`),
    para(d.summary.suppressed ? d.summary.message : `This report counts ${d.summary.responses} responses (${d.filterLines.join('; ').toLowerCase()}).`),
    heading('Fieldwork', 2),
    ...fieldworkBlocks(d),
  ];
  if (d.languages.length > 0) {
    blocks.push(...table({ caption: 'Responses per language the questionnaire was answered in', head: ['Language', 'Responses'], rows: d.languages.map((l) => [l.language, count(l.count)]) }));
  }
  blocks.push(
    heading('Small groups', 2),
    para(`No figure is shown for a group of fewer than k = ${d.k} responses. Such a figure reads "hidden", with no interval, and no test is computed on a table with a hidden cell. Where a hidden figure could be worked out from the others (a total minus the visible cells), more figures are hidden, so a row may show "hidden" for a group of more than ${d.k - 1}. A selection whose filters single out fewer than ${d.k} responses shows no figures at all.`),
    heading('Intervals and tests', 2),
    para('Shares (% of answers, or % of respondents where several answers were possible) come with a 95 % Wilson score interval, which stays within 0–100 % and behaves well for small groups and shares near 0 or 100 %.'),
    para('Means (ratings and numbers) come with a 95 % interval from Student\'s t distribution, using the sample standard deviation; medians and quartiles are given as they are.'),
    para('Cross-tabs are tested for independence with Pearson\'s chi-square test when the expected counts allow it (none under 1 and at most one in five under 5), and with Fisher\'s exact test otherwise; Cramér\'s V gives the strength of the association (0 none, 1 complete). A test is printed only when every cell is shown and at least two rows and two columns hold answers; otherwise the table says "too few answers to test". A large table whose expected counts are too small for chi-square and which has too many possible tables for the exact test says "not tested".'),
    para('Differences between editions are the later share minus the earlier one, in percentage points, with Newcombe\'s 95 % hybrid score interval for the difference of two independent proportions. An interval that does not include 0 suggests a change beyond chance; respondents are self-selected, so none of these intervals accounts for who chose to answer.'),
    para('Distributions and quantiles are computed with the jStat library; the intervals and tests are checked against published worked examples.', { italic: true }),
  );
  return blocks;
}
