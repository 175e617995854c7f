import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { OutboxRelay } from './outbox-relay';
import { QueueProducer } from './queue-producer';
import { createRedis } from './redis-connection';
import { WorkerHost } from './worker-host';

export const REDIS = Symbol('REDIS');

/** Starts the outbox relay with the app and stops it before connections close. */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
  ) {}
  onApplicationBootstrap() {
    if (this.config.OUTBOX_RELAY_ENABLED) this.relay.start();
  }
  beforeApplicationShutdown() {
    return this.relay.stop();
  }
}

@Injectable()
class RedisLifecycle implements BeforeApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly producer: QueueProducer,
  ) {}
  async beforeApplicationShutdown() {
    await this.producer.close();
    this.redis.disconnect();
  }
}

const shared = [
  { provide: REDIS, inject: [AppConfig], useFactory: (c: AppConfig) => createRedis(c.REDIS_URL, 'producer') },
  { provide: QueueProducer, inject: [REDIS, AppConfig], useFactory: (r: Redis, c: AppConfig) => new QueueProducer(r, c.QUEUE_PREFIX) },
  RedisLifecycle,
];

@Global()
@Module({})
export class QueueModule {
  /** For the API: a Redis connection for health checks and the producer; no consumers. */
  static forApi(): DynamicModule {
    return { module: QueueModule, providers: shared, exports: [REDIS, QueueProducer] };
  }

  /** For a worker process: the chosen queues' consumers and, unless disabled, the outbox relay. */
  static forWorker(): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        ...shared,
        { provide: OutboxRelay, inject: [DataSource, QueueProducer], useFactory: (db: DataSource, p: QueueProducer) => new OutboxRelay(db, p) },
        RelayLifecycle,
        WorkerHost,
      ],
      exports: [REDIS, QueueProducer, OutboxRelay, WorkerHost],
    };
  }
}
