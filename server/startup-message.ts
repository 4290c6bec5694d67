/** What `npm start` prints: where the server is, the demo links, and how to sign in and stop. */
import type { FastifyInstance } from 'fastify';
import type { DemoLink } from './demo/seed-demo.ts';
import { listCampaigns } from './campaigns/campaign-repository.ts';
import { countUsers } from './users/user-repository.ts';

export async function startupMessage(app: FastifyInstance, demoLinks: DemoLink[]): Promise<string> {
  const { config } = app;
  const lines = [
    '',
    `JPP surveys is running at ${config.PUBLIC_URL}`,
    `Database: ${app.dbKind === 'pglite' ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demoLinks.length > 0) {
    lines.push('', 'Demo respondent links (one campaign per edition, open for 60 days):');
    for (const l of demoLinks) lines.push(`  ${l.edition} [${l.language}]  ${l.url}`);
  } else {
    const campaigns = await listCampaigns(app.db);
    if (campaigns.length > 0) lines.push('', `${campaigns.length} campaign(s) exist; list their links with: npm run cli -- links:list`);
  }
  if ((await countUsers(app.db)) === 0) {
    lines.push('', 'No staff account exists yet. Create the first admin (prints a one-time link to set the password):',
      '  npm run cli -- users:create --role admin --email you@example.eu --name "Your Name"');
  } else {
    lines.push('', `Staff sign in at ${config.PUBLIC_URL}/staff/sign-in`);
  }
  lines.push('', 'Stop with Ctrl+C.');
  return lines.join('\n');
}
