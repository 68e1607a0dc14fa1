import 'reflect-metadata';
import { join } from 'node:path';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { repoRoot } from '#sigillo/platform';
import type { SimulatorOptions } from './simulator-options.js';

/** The seed catalog, found from the repo root so it is the same file for TS sources and dist/. */
export function defaultTemplatesFile(): string {
  return join(repoRoot(), 'apps', 'wa-simulator', 'templates.seed.json');
}

/** The simulator's environment (read with loadConfig: one line naming the first bad variable). */
export class SimulatorConfig {
  @IsString()
  SIMULATOR_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  SIMULATOR_PORT = 3100;

  @IsString()
  @Matches(/^\S+$/, { message: 'must be a token without spaces' })
  SIMULATOR_ACCESS_TOKEN = 'sim-token';

  @IsString()
  @Matches(/^\S+$/, { message: 'must be a secret without spaces' })
  SIMULATOR_APP_SECRET = 'sim-app-secret';

  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s):// URL' })
  SIMULATOR_WEBHOOK_URL?: string;

  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'must be digits' })
  SIMULATOR_PHONE_NUMBER_ID = '100000000000001';

  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'must be digits' })
  SIMULATOR_WABA_ID = '200000000000001';

  @IsString()
  @Matches(/^[1-9]\d{6,14}$/, { message: 'must be a phone number in digits with country code' })
  SIMULATOR_DISPLAY_PHONE = '15550001111';

  @IsString()
  SIMULATOR_TEMPLATES_FILE = defaultTemplatesFile();

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  SIMULATOR_THROUGHPUT_PER_SECOND = 1000;

  @IsString()
  @Matches(/^\s*\d{1,7}\s*,\s*\d{1,7}\s*,\s*\d{1,7}\s*$/, { message: 'must be three delays in ms: sent,delivered,read' })
  SIMULATOR_STATUS_DELAYS_MS = '50,100,150';

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  SIMULATOR_FAILURE_RATE = 0;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  SIMULATOR_WEBHOOK_MAX_ATTEMPTS = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60000)
  SIMULATOR_WEBHOOK_BACKOFF_MS = 250;
}

export function simulatorOptionsFrom(config: SimulatorConfig): SimulatorOptions {
  const [sent, delivered, read] = config.SIMULATOR_STATUS_DELAYS_MS.split(',').map((d) => Number(d.trim()));
  return {
    host: config.SIMULATOR_HOST,
    port: config.SIMULATOR_PORT,
    accessToken: config.SIMULATOR_ACCESS_TOKEN,
    appSecret: config.SIMULATOR_APP_SECRET,
    webhookUrl: config.SIMULATOR_WEBHOOK_URL ?? null,
    phoneNumberId: config.SIMULATOR_PHONE_NUMBER_ID,
    wabaId: config.SIMULATOR_WABA_ID,
    displayPhoneNumber: config.SIMULATOR_DISPLAY_PHONE,
    templatesFile: config.SIMULATOR_TEMPLATES_FILE,
    throughputPerSecond: config.SIMULATOR_THROUGHPUT_PER_SECOND,
    statusDelaysMs: [sent, delivered, read],
    failureRate: config.SIMULATOR_FAILURE_RATE,
    webhookMaxAttempts: config.SIMULATOR_WEBHOOK_MAX_ATTEMPTS,
    webhookBackoffMs: config.SIMULATOR_WEBHOOK_BACKOFF_MS,
    random: Math.random,
  };
}

/** The defaults of every variable, for the in-process starter (which ignores the environment). */
export function defaultSimulatorOptions(): SimulatorOptions {
  return simulatorOptionsFrom(new SimulatorConfig());
}
