import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Api').log(`api listening on http://${config.HOST}:${config.PORT}`);
}

main().catch((error: unknown) => {
  // Config errors name the variable to fix; anything else is a startup bug.
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
