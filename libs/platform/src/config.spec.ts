import { ApiConfig, ConfigError, loadConfig, WorkerConfig } from './config.js';

const required = {
  LEDGER_CONTRACT_ADDRESS: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  CHECKPOINT_SIGNER_KEY: 'PRIVATE+KEY+sigillo.local/ledger+00000000+AQ==',
  ANCHOR_PRIVATE_KEY: '0x' + 'ab'.repeat(32),
};

describe('loadConfig', () => {
  it('applies the documented defaults and converts numbers', () => {
    const config = loadConfig(WorkerConfig, { ...required, ANCHOR_INTERVAL_MS: '750' });
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/sigillo');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.ANCHOR_INTERVAL_MS).toBe(750);
    expect(config.ANCHOR_CONFIRMATIONS).toBe(1);
  });

  it('names a missing required variable in one line', () => {
    const { CHECKPOINT_SIGNER_KEY: _, ...rest } = required;
    expect(() => loadConfig(WorkerConfig, rest)).toThrow(new ConfigError('config: CHECKPOINT_SIGNER_KEY is missing'));
  });

  it('names an invalid variable and says what it must be', () => {
    expect(() => loadConfig(ApiConfig, { ...required, API_PORT: 'eighty' })).toThrow(/^config: API_PORT must be an integer number$/);
    expect(() => loadConfig(ApiConfig, { ...required, DATABASE_URL: 'mysql://x' })).toThrow('config: DATABASE_URL must be a postgresql:// URL');
    expect(() => loadConfig(WorkerConfig, { ...required, ANCHOR_PRIVATE_KEY: '0x12' })).toThrow('config: ANCHOR_PRIVATE_KEY must be a 32-byte hex private key');
  });

  it('ignores variables it does not know and empty values', () => {
    const config = loadConfig(ApiConfig, { ...required, PATH: '/bin', API_HOST: '' });
    expect(config.API_HOST).toBe('127.0.0.1');
    expect((config as unknown as Record<string, unknown>).PATH).toBeUndefined();
  });

  it("bounds the shutdown grace so the whole shutdown fits Kubernetes' 30 s", () => {
    expect(loadConfig(ApiConfig, required).SHUTDOWN_GRACE_MS).toBe(10000);
    expect(loadConfig(WorkerConfig, { ...required, SHUTDOWN_GRACE_MS: '2500' }).SHUTDOWN_GRACE_MS).toBe(2500);
    expect(() => loadConfig(WorkerConfig, { ...required, SHUTDOWN_GRACE_MS: '30000' })).toThrow('config: SHUTDOWN_GRACE_MS must not be greater than 25000');
    expect(() => loadConfig(ApiConfig, { ...required, SHUTDOWN_GRACE_MS: '10s' })).toThrow('config: SHUTDOWN_GRACE_MS must be an integer number');
  });
});
