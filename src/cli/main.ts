#!/usr/bin/env node
// The `sitedesk` executable: wires the real process streams into runCli.
import { messageOf } from '../shared/errors.js';
import type { CliIo } from './command.js';
import { ExitCode } from './exit-codes.js';
import { runCli } from './run-cli.js';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
};
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sitedesk: ${messageOf(error)}\n`);
    process.exitCode = ExitCode.failed;
  },
);
