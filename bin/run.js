#!/usr/bin/env node
// Entry point of the installed lvscc command. The plain forms of `lint FILE` run without oclif, whose start-up
// is most of what linting one file costs (src/cli/lint-file.ts); everything else goes to oclif.
const argv = process.argv.slice(2);
if (!(argv[0] === 'lint' && (await (await import('../dist/cli/lint-file.js')).runFastLint(argv.slice(1))))) {
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
