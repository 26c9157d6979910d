import { runMigrateCommand } from './migrate.command';

/** `npm run migrate` (see migrate.command.ts). */
runMigrateCommand({ stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
