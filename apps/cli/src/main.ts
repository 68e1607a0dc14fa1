#!/usr/bin/env node
// `sigillo`: the auditor's command line. Commands live in their own modules and
// are loaded on demand, so one that needs a database never slows down or
// breaks one that needs only a bundle and a chain.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  /** One line for the command list. */
  summary: string;
  /** Full usage text, shown by `sigillo help <command>` and on usage errors. */
  usage: string;
  /** Exit code: 0 success, 1 a negative result (e.g. a proof that does not verify), 2 a usage or input error. */
  run(args: string[], io: CliIo): Promise<number>;
}

// Adding a command is one line here plus a module exporting `command`.
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  verify: () => import('./verify.command.js'),
  audit: () => import('./audit.command.js'),
  apikey: () => import('./apikey.command.js'),
  keygen: () => import('./keygen.command.js'),
  tenant: () => import('./tenant.command.js'),
  staff: () => import('./staff.command.js'),
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.err(await usage());
      return 2;
    }
    if (name.startsWith('-')) return await globalOptions(argv, io);
    if (name === 'help') return await help(rest[0], io);
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      io.err(`sigillo: unknown command "${name}"`);
      io.err(await usage());
      return 2;
    }
    const { command } = await load();
    return await command.run(rest, io);
  } catch (e) {
    // Last line of defence: an auditor gets a sentence, never a stack trace.
    io.err(`sigillo: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    if (process.env.SIGILLO_DEBUG) io.err(e instanceof Error ? (e.stack ?? '') : '');
    return 2;
  }
}

async function globalOptions(argv: string[], io: CliIo): Promise<number> {
  let help: boolean | undefined;
  try {
    ({
      values: { help },
    } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    io.err(`sigillo: ${(e as Error).message}`);
    io.err(await usage());
    return 2;
  }
  if (help) io.out(await usage());
  return 0;
}

async function help(name: string | undefined, io: CliIo): Promise<number> {
  if (name === undefined) {
    io.out(await usage());
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`sigillo: unknown command "${name}"`);
    return 2;
  }
  io.out((await load()).command.usage);
  return 0;
}

async function usage(): Promise<string> {
  const names = Object.keys(COMMANDS).sort();
  const commands = await Promise.all(names.map(async (name) => (await COMMANDS[name]()).command));
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name, i) => `  ${name.padEnd(width)}  ${commands[i].summary}`);
  return ['usage: sigillo <command> [options]', '', 'commands:', ...lines, '', 'sigillo help <command> shows the options of a command.'].join('\n');
}

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

// Run only as the entry point (also through the npm bin symlink), not when imported by tests.
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.on('uncaughtException', (e) => {
    process.stderr.write(`sigillo: internal error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  });
  process.exitCode = await runCli(process.argv.slice(2), consoleIo);
}
