import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartupFailure, loadConfig } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Api').log(`api listening on http://${config.HOST}:${config.PORT}`);
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
