#!/usr/bin/env node
// Entry point of the installed lvscc command: hands argv to oclif.
import { execute } from '@oclif/core/execute';

await execute({ dir: import.meta.url });
