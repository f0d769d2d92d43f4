#!/usr/bin/env node
// The `bonito` command (package.json "bin"). See `bonito --help`.
import { runCli } from './program.js';

await runCli(process.argv);
