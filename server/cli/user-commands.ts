/**
 * users:create and users:reset-password. A password piped on standard input is set at once;
 * otherwise the command prints a one-time set-password link as its last line. Both are audited
 * with the actor "cli".
 */
import { parseArgs } from 'node:util';
import { SessionService } from '../auth/session-service.ts';
import { ValidationError } from '../errors.ts';
import { loadReferenceLists } from '../surveys/reference-lists.ts';
import { PASSWORD_LINK_HOURS, UserService, passwordLink } from '../users/user-service.ts';
import type { CliCommand, CliContext } from './cli-context.ts';

async function userService(ctx: CliContext): Promise<UserService> {
  const countries = (await loadReferenceLists(ctx.config.SURVEYS_DIR)).get('countries')?.map((c) => c.value) ?? [];
  const sessions = new SessionService(ctx.db, { idleMinutes: ctx.config.SESSION_IDLE_MINUTES, absoluteHours: ctx.config.SESSION_ABSOLUTE_HOURS });
  return new UserService(ctx.db, sessions, () => countries);
}

/** The piped password (first line), or undefined when nothing is piped. */
async function pipedPassword(ctx: CliContext): Promise<string | undefined> {
  if (ctx.stdinIsTTY ?? process.stdin.isTTY) return undefined;
  const text = await ctx.readStdin();
  const first = text.split(/\r?\n/)[0] ?? '';
  return first.length > 0 ? first : undefined;
}

export const usersCreate: CliCommand = {
  name: 'users:create',
  usage: 'users:create --role admin|analyst|ipnc --email a@b.eu --name "..." [--country ES]   (password on stdin, or prints a one-time link)',
  run: async (ctx, argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' } },
    });
    if (!values.role || !values.email || !values.name) {
      throw new ValidationError('Missing arguments.', { usage: [usersCreate.usage] });
    }
    const users = await userService(ctx);
    const password = await pipedPassword(ctx);
    const { user, token } = await users.create('cli', { email: values.email, name: values.name, role: values.role, country: values.country ?? null }, password);
    ctx.print(`Created ${user.role} ${user.email}${user.country ? ` (${user.country})` : ''}.`);
    if (token) {
      ctx.print(`Open this one-time link to set the password (it works once, within ${PASSWORD_LINK_HOURS} hours):`);
      ctx.print(passwordLink(ctx.config.PUBLIC_URL, token));
    } else {
      ctx.print(`Sign in at ${ctx.config.PUBLIC_URL}/staff/sign-in`);
    }
  },
};

export const usersResetPassword: CliCommand = {
  name: 'users:reset-password',
  usage: 'users:reset-password --email a@b.eu   (new password on stdin, or prints a one-time link)',
  run: async (ctx, argv) => {
    const { values } = parseArgs({ args: argv, options: { email: { type: 'string' } } });
    if (!values.email) throw new ValidationError('Missing arguments.', { usage: [usersResetPassword.usage] });
    const users = await userService(ctx);
    const user = await users.findByEmail(values.email);
    const password = await pipedPassword(ctx);
    if (password !== undefined) {
      await users.setPassword('cli', user.id, password);
      ctx.print(`The password of ${user.email} is set; their sessions have ended.`);
      ctx.print(`Sign in at ${ctx.config.PUBLIC_URL}/staff/sign-in`);
      return;
    }
    const token = await users.resetPassword('cli', user.id);
    ctx.print(`Open this one-time link to set a new password for ${user.email} (it works once, within ${PASSWORD_LINK_HOURS} hours):`);
    ctx.print(passwordLink(ctx.config.PUBLIC_URL, token));
  },
};
