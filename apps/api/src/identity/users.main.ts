import { runUsersCommand } from './users.command';

/** `npm run users -- add|disable|enable|reset …` (see users.command.ts). */
runUsersCommand(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
