#!/usr/bin/env node
import { runCli } from './cli.js';

// Output piped into a reader that stops early (`| head`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = runCli(process.argv.slice(2));
