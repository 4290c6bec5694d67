/** responses:purge: deletes the answers of campaigns past their retain-until date, and audits it. */
import { parseArgs } from 'node:util';
import { purgeExpiredResponses } from '../campaigns/retention-service.ts';
import type { CliCommand } from './cli-context.ts';

export const responsesPurge: CliCommand = {
  name: 'responses:purge',
  usage: 'responses:purge [--dry-run]   delete the answers of every campaign past its retain-until date',
  run: async ({ db, print }, argv) => {
    const { values } = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean' } } });
    const dryRun = values['dry-run'] ?? false;
    const outcomes = await purgeExpiredResponses(db, { dryRun });
    for (const o of outcomes) {
      print(`${o.name} (${o.campaignId}), kept until ${o.retainUntil}: ${o.deleted} response(s) ${dryRun ? 'would be deleted' : 'deleted'}`);
    }
    const total = outcomes.reduce((a, o) => a + o.deleted, 0);
    print(dryRun ? `${total} response(s) would be deleted` : `${total} response(s) deleted`);
  },
};
