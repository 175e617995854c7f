import 'reflect-metadata';
import { exitOnStartupFailure, loadConfig } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { QueueConfigError, WorkerConfigError } from '@app/queue';
import { createWorker } from './create-worker';

createWorker(loadConfig()).catch(exitOnStartupFailure([WorkerConfigError, QueueConfigError, DatabaseRoleError]));
