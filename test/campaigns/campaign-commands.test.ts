/** campaigns:create reads its dates with the same strict parser as the forms: impossible dates are refused. */
import t from 'tap';
import { sql } from 'kysely';
import { buildTestApp } from '../helper.ts';
import { campaignsCreate } from '../../server/cli/survey-commands.ts';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { ValidationError } from '../../server/errors.ts';

const { app } = await buildTestApp(t);
const ctx: CliContext = { config: app.config, db: app.db, print: () => {}, readStdin: async () => '' };
const campaigns = async () => (await sql<{ n: number }>`select count(*)::int as n from campaign`.execute(app.db)).rows[0]!.n;
const args = (extra: Record<string, string>) =>
  Object.entries({ survey: 'jpp-experience', edition: '2022', name: 'CLI', opens: '2026-11-04', closes: '2026-11-30', ...extra }).flatMap(([k, v]) => [`--${k}`, v]);

t.test('impossible or out-of-range dates are refused, naming the option', async (t) => {
  for (const [option, value] of [['opens', '2026-02-30'], ['opens', '0000-01-01T00:00Z'], ['closes', '2026-13-45'], ['retain-until', '99999-01-01'], ['retain-until', '2028-02-30']] as const) {
    const err = await campaignsCreate.run(ctx, args({ [option]: value })).catch((e: unknown) => e);
    t.ok(err instanceof ValidationError, `--${option} ${value}`);
    t.ok((err as ValidationError).details?.[option], `names --${option}`);
  }
  t.equal(await campaigns(), 0);
});

t.test('real dates create the campaign', async (t) => {
  await campaignsCreate.run(ctx, args({ 'retain-until': '2028-12-31' }));
  t.equal(await campaigns(), 1);
});
