import 'reflect-metadata';
import { exitOnStartupFailure, loadConfig } from '@app/config';
import { WorkerConfigError } from '@app/queue';
import { createWorker } from './create-worker';

createWorker(loadConfig()).catch(exitOnStartupFailure([WorkerConfigError]));
