import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#sigillo/platform';
import { SimulatorConfig, simulatorOptionsFrom } from './simulator-config.js';
import { SimulatorModule } from './simulator.module.js';
import { loadTemplateSeed, TemplateSeedError } from './templates/meta-template.js';

async function main(): Promise<void> {
  const options = simulatorOptionsFrom(loadConfigOrExit(SimulatorConfig));
  try {
    loadTemplateSeed(options.templatesFile);
  } catch (err) {
    if (!(err instanceof TemplateSeedError)) throw err;
    process.stderr.write(`config: SIMULATOR_TEMPLATES_FILE ${err.message}\n`);
    process.exit(1);
  }
  const app = await NestFactory.create(SimulatorModule.forRoot(options));
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  new Logger('Simulator').log(
    `WhatsApp Cloud API simulator on ${await app.getUrl()}: phone number id ${options.phoneNumberId}, WABA ${options.wabaId}, ` +
      `webhooks ${options.webhookUrl ? `to ${options.webhookUrl}` : 'recorded only (SIMULATOR_WEBHOOK_URL unset)'}`,
  );
}

void main();
