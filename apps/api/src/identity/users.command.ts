import { loadConfig } from '@sj/config';
import { AREA_NAME, checkNewPassword, hashPassword, isRole, ROLES, SessionManager, SUBJECT, type IdentityStores } from '@sj/identity';
import { parseArgs } from 'node:util';
import { openIdentityStores } from '../../../shared/src/storage';
import { readNewPassword, type CommandIo } from './password-prompt';

const USAGE = [
  'usage: npm run users -- <add|disable|enable|reset> --sub <user name> [options]',
  '  add      --sub cw-42 --name "Alex Morgan" --role caseworker --area north [--area south]   (asks for the password)',
  '  disable  --sub cw-42   (refuses every sign-in and ends their sessions)',
  '  enable   --sub cw-42',
  '  reset    --sub cw-42   (asks for a new password, lifts a lock-out and ends their sessions)',
].join('\n');

class UsageError extends Error {}

/**
 * `npm run users -- add|disable|enable|reset …`: local accounts for the embedded default, in the same
 * identity store the API reads, so a change takes effect on the next sign-in (or at once, for a disabled
 * account's open sessions). Answers the exit code. Never prints a password or a hash.
 */
export async function runUsersCommand(argv: readonly string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let stores: IdentityStores | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { sub: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, area: { type: 'string', multiple: true } },
      strict: true,
      allowPositionals: true,
    });
    // scripts/start.cjs passes its own mode (`users`) first
    const action = positionals.find((p) => p !== 'users');
    const sub = values.sub;
    if (action === undefined || !['add', 'disable', 'enable', 'reset'].includes(action))
      throw new UsageError('say what to do: add, disable, enable or reset');
    if (sub === undefined || !SUBJECT.test(sub)) throw new UsageError("--sub is the person's user name (letters, digits and . _ @ : ' | - only)");
    const config = loadConfig(env);
    if (config.signIn.oidc !== null)
      throw new UsageError("OIDC_ISSUER is set: people sign in with the council's identity provider, and local accounts are not used");
    stores = await openIdentityStores(config);
    const sessions = new SessionManager(stores.sessions, {
      idleMinutes: config.signIn.sessionIdleMinutes,
      absoluteHours: config.signIn.sessionAbsoluteHours,
    });
    if (action === 'add') {
      const { name, role } = values;
      const areas = values.area ?? [];
      if (name === undefined || name.trim() === '' || name.length > 200)
        throw new UsageError('--name is the name colleagues know them by, e.g. --name "Alex Morgan"');
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (role !== 'admin' && areas.length === 0) throw new UsageError('--area is required (repeat it for several areas)');
      const badArea = areas.find((area) => !AREA_NAME.test(area));
      if (badArea !== undefined) throw new UsageError(`--area "${badArea}" is not an area name (letters, digits, spaces and . _ - only)`);
      if ((await stores.accounts.find(sub)) !== undefined)
        throw new UsageError(`there is already an account ${sub} (use reset to give it a new password)`);
      const password = await readNewPassword(io, `Password for ${sub}`);
      checkNewPassword(password);
      await stores.accounts.add({
        sub,
        name: name.trim(),
        role,
        areas: role === 'admin' ? 'all' : [...new Set(areas)],
        passwordHash: await hashPassword(password),
      });
      io.stdout.write(`added ${sub} (${name.trim()}), ${role}, ${role === 'admin' ? 'all areas' : [...new Set(areas)].join(', ')}\n`);
    } else if (action === 'reset') {
      if ((await stores.accounts.find(sub)) === undefined) throw new UsageError(`there is no account ${sub}`);
      const password = await readNewPassword(io, `New password for ${sub}`);
      checkNewPassword(password);
      await stores.accounts.setPassword(sub, await hashPassword(password));
      const ended = await sessions.endAllFor(sub);
      io.stdout.write(`reset the password of ${sub}; any lock-out is lifted${ended > 0 ? `; ended ${ended} open session(s)` : ''}\n`);
    } else {
      await stores.accounts.setDisabled(sub, action === 'disable');
      const ended = action === 'disable' ? await sessions.endAllFor(sub) : 0;
      io.stdout.write(`${action === 'disable' ? 'disabled' : 'enabled'} ${sub}${ended > 0 ? `; ended ${ended} open session(s)` : ''}\n`);
    }
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(
      `users: ${message}\n${err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `${USAGE}\n` : ''}`,
    );
    return 1;
  } finally {
    await stores?.close();
  }
}
