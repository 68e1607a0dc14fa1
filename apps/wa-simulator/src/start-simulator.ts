import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SimulatorControl } from './control/simulator-control.js';
import { defaultSimulatorOptions } from './simulator-config.js';
import type { SimulatorOptions } from './simulator-options.js';
import { SimulatorModule } from './simulator.module.js';

export interface StartedSimulator {
  /** `http://127.0.0.1:<port>`: the Graph base URL (append `/v23.0/...`) and the /_sim base. */
  url: string;
  port: number;
  app: INestApplication;
  control: SimulatorControl;
  close(): Promise<void>;
}

export type StartSimulatorOptions = Partial<SimulatorOptions> & {
  /** Nest log levels; by default errors only (SIGILLO_TEST_LOGS=1 shows everything). */
  logger?: LogLevel[] | false;
};

/**
 * The simulator in this process, for tests: the config defaults (not the environment) overridden
 * by `options`, on a free port unless `port` is given.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<StartedSimulator> {
  const { logger, ...overrides } = options;
  const resolved: SimulatorOptions = { ...defaultSimulatorOptions(), port: 0, ...overrides };
  const levels: LogLevel[] = process.env.SIGILLO_TEST_LOGS ? ['log', 'warn', 'error'] : ['error'];
  const app = await NestFactory.create(SimulatorModule.forRoot(resolved), { logger: logger ?? levels });
  await app.listen(resolved.port, resolved.host);
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://${resolved.host}:${address.port}`,
    port: address.port,
    app,
    control: app.get(SimulatorControl),
    close: () => app.close(),
  };
}
