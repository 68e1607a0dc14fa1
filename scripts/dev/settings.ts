import { hardhatAccounts } from '#sigillo/dev-stack';
import { ApiConfig } from '#sigillo/platform';

/** What dev passes to the api, worker and CLI; each may be overridden from the caller's environment. */
export interface DevSettings {
  DATABASE_URL: string;
  REDIS_URL: string;
  CHAIN_RPC_URL: string;
  LEDGER_ORIGIN: string;
  ANCHOR_PRIVATE_KEY: string;
  API_HOST: string;
  API_PORT: string;
  ANCHOR_INTERVAL_MS: string;
  ANCHOR_CONFIRMATIONS: string;
  /** Unset: dev keeps one in .dev/signer.key. */
  CHECKPOINT_SIGNER_KEY?: string;
}

export function devSettings(env: NodeJS.ProcessEnv = process.env): DevSettings {
  const defaults = new ApiConfig(); // the apps' own defaults, so dev cannot drift from them
  const pick = (name: keyof DevSettings, fallback: string | undefined) => (env[name] ? env[name] : fallback);
  return {
    DATABASE_URL: pick('DATABASE_URL', defaults.DATABASE_URL)!,
    REDIS_URL: pick('REDIS_URL', defaults.REDIS_URL)!,
    CHAIN_RPC_URL: pick('CHAIN_RPC_URL', defaults.CHAIN_RPC_URL)!,
    LEDGER_ORIGIN: pick('LEDGER_ORIGIN', defaults.LEDGER_ORIGIN)!,
    // Account #1 of the local node: the contract's anchorer.
    ANCHOR_PRIVATE_KEY: pick('ANCHOR_PRIVATE_KEY', hardhatAccounts[1].privateKey)!,
    API_HOST: pick('API_HOST', defaults.API_HOST)!,
    API_PORT: pick('API_PORT', String(defaults.API_PORT))!,
    ANCHOR_INTERVAL_MS: pick('ANCHOR_INTERVAL_MS', String(defaults.ANCHOR_INTERVAL_MS))!,
    ANCHOR_CONFIRMATIONS: pick('ANCHOR_CONFIRMATIONS', String(defaults.ANCHOR_CONFIRMATIONS))!,
    CHECKPOINT_SIGNER_KEY: pick('CHECKPOINT_SIGNER_KEY', undefined),
  };
}

/** Where dev runs its Hardhat node: the host and port of CHAIN_RPC_URL, which must be local. */
export function localChainAddress(rpcUrl: string): { host: string; port: number } {
  const url = new URL(rpcUrl);
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  if (url.protocol !== 'http:' || !['127.0.0.1', '[::1]'].includes(host)) {
    throw new Error(`CHAIN_RPC_URL=${rpcUrl}: dev runs its own chain, so it must be http://127.0.0.1:<port>`);
  }
  return { host: host === '[::1]' ? '::1' : host, port: Number(url.port || 80) };
}

/** The URL a client on this machine uses to reach the api. */
export function apiUrlOf(settings: DevSettings): string {
  const host = ['0.0.0.0', '::', ''].includes(settings.API_HOST) ? '127.0.0.1' : settings.API_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${settings.API_PORT}`;
}
