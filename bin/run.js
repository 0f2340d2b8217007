#!/usr/bin/env node
// Entry point of the installed lvscc command. The plain forms of `lint FILE` run without oclif, whose start-up
// is most of what linting one file costs (src/cli/lint-file.ts), and so does `--version` (oclif's own line,
// `lvscc/VERSION PLATFORM-ARCH node-VERSION`, which test/cli-startup.test.ts compares); everything else goes to oclif.
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  const { createRequire } = await import('node:module');
  const { version } = createRequire(import.meta.url)('../package.json');
  process.stdout.write(`lvscc/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else if (!(argv[0] === 'lint' && (await (await import('../dist/cli/lint-file.js')).runFastLint(argv.slice(1))))) {
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
