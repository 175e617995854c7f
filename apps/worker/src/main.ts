import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { WorkerConfigError } from '@app/queue';
import { createWorker } from './create-worker';

createWorker(loadConfig()).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof WorkerConfigError;
  process.stderr.write(`${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
});
