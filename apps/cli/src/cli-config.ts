import { ConfigError, loadConfig } from '#sigillo/platform';
import type { CliIo } from './main.js';

/** The command's configuration, or null after saying which variable is wrong (the command exits 2). */
export function cliConfig<T extends object>(cls: new () => T, command: string, io: CliIo, env: NodeJS.ProcessEnv = process.env): T | null {
  try {
    return loadConfig(cls, env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`sigillo ${command}: ${e.message}`);
      return null;
    }
    throw e;
  }
}
