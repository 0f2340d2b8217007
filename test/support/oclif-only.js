#!/usr/bin/env node
// bin/run.js without its `lint` fast path: every command through oclif. test/cli-fast-path.test.ts compares the two.
import { execute } from '@oclif/core/execute';

await execute({ dir: new URL('../../bin/run.js', import.meta.url).href });
