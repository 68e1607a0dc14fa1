import 'reflect-metadata';
import { ApiConfig, loadConfigOrExit } from '../../../libs/platform/src/config.js';
import { createApi } from './create-api.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ApiConfig);
  const app = await createApi(config);
  await app.listen(config.API_PORT, config.API_HOST);
}

void main();
