/**
 * users:create and users:reset-password: a piped password is set at once, otherwise the last line
 * is a one-time link; both are audited as "cli". Also: the start-up message tells how to create
 * the first admin while no account exists.
 */
import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { usersCreate, usersResetPassword } from '../../server/cli/user-commands.ts';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { startupMessage } from '../../server/startup-message.ts';
import { signIn } from '../routes/staff/staff-client.ts';

const { app } = await buildTestApp(t);
const test = t.test.bind(t);

function context(stdin: string | null) {
  const lines: string[] = [];
  const ctx: CliContext = { config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => stdin ?? '' };
  return { ctx, lines };
}

// The command reads standard input only when it is not a terminal; under tap it never is.
test('the start-up message explains how to create the first admin', async (t) => {
  const message = await startupMessage(app, []);
  t.match(message, /No staff account exists yet/);
  t.match(message, /npm run cli -- users:create --role admin --email/);
});

test('users:create with a piped password: the account works at once', async (t) => {
  const { ctx, lines } = context('correct horse battery staple\n');
  await usersCreate.run(ctx, ['--role', 'admin', '--email', 'First@Example.eu', '--name', 'First Admin']);
  t.match(lines[0], /Created admin first@example\.eu/);
  t.match(lines.at(-1), /\/staff\/sign-in$/);
  await signIn(app, 'first@example.eu', 'correct horse battery staple');
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'user.create').execute();
  t.equal(audit[0]?.actor, 'cli');
  t.notMatch(JSON.stringify(audit), /correct horse/, 'the password is not in the audit log');
  t.notMatch(await startupMessage(app, []), /No staff account exists yet/);
});

test('users:create without a password prints a one-time link as its last line', async (t) => {
  const { ctx, lines } = context(null);
  await usersCreate.run(ctx, ['--role', 'ipnc', '--email', 'es@example.eu', '--name', 'Spain', '--country', 'ES']);
  t.match(lines.at(-1), new RegExp(`^${app.config.PUBLIC_URL}/staff/set-password/[A-Za-z0-9_-]{43}$`));
  const token = lines.at(-1)!.split('/').at(-1)!;
  t.ok(await app.services.users.checkToken(token));
});

test('bad arguments are refused with what to fix', async (t) => {
  const refused = async (run: Promise<void>, wanted: Record<string, unknown>) => {
    const err = await run.then(() => null, (e: unknown) => e);
    t.match(err, wanted);
  };
  await refused(usersCreate.run(context(null).ctx, ['--role', 'admin']), { statusCode: 422 });
  await refused(usersCreate.run(context('short\n').ctx, ['--role', 'admin', '--email', 'x@example.eu', '--name', 'X']), { statusCode: 422, details: { password: [/at least 12/] } });
  await refused(usersCreate.run(context(null).ctx, ['--role', 'ipnc', '--email', 'y@example.eu', '--name', 'Y']), { details: { country: [/one country/] } });
  await refused(usersCreate.run(context(null).ctx, ['--role', 'admin', '--email', 'first@example.eu', '--name', 'Again']), { statusCode: 409 });
  await refused(usersResetPassword.run(context(null).ctx, ['--email', 'nobody@example.eu']), { statusCode: 404 });
});

test('users:reset-password sets a piped password, or prints a new link', async (t) => {
  const piped = context('a completely new passphrase\n');
  await usersResetPassword.run(piped.ctx, ['--email', 'first@example.eu']);
  await signIn(app, 'first@example.eu', 'a completely new passphrase');
  const link = context(null);
  await usersResetPassword.run(link.ctx, ['--email', 'first@example.eu']);
  t.match(link.lines.at(-1), /\/staff\/set-password\/[A-Za-z0-9_-]{43}$/);
  const actions = (await app.db.selectFrom('audit_event').select('action').where('actor', '=', 'cli').execute()).map((r) => r.action);
  t.ok(actions.includes('user.set_password') && actions.includes('user.reset_password'));
});
