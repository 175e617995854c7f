import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  Optional,
  Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRoute } from './outbox-route';
import { OutboxEntity } from './outbox.entity';
import { OutboxProbe } from './outbox.probe';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import type { QueueDefinition } from './queue-definition';
import { QueueFeature } from './queue-feature';
import { QueueProducer } from './queue-producer';
import { QueueProgressProbe, WATCHED_QUEUES } from './queue-progress.probe';
import { QueueRegistry } from './queue-registry';
import { closeRedis, createRedis, REDIS } from './redis-connection';
import { RedisProbe } from './redis.probe';
import { WorkerHost } from './worker-host';

/**
 * Starts the relay with the app and, at shutdown, closes things in order: the relay stops
 * publishing, then the queues close, then the Redis connection they share.
 */
@Injectable()
class QueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly producer: QueueProducer,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer.close();
    await closeRedis(this.redis);
  }
}

const shared: Provider[] = [
  { provide: REDIS, inject: [AppConfig], useFactory: (c: AppConfig) => createRedis(c.REDIS_URL, 'producer') },
  QueueRegistry,
  {
    provide: QueueProducer,
    inject: [REDIS, AppConfig, QueueRegistry],
    useFactory: (r: Redis, c: AppConfig, registry: QueueRegistry) => new QueueProducer(r, c.QUEUE_PREFIX, registry),
  },
  OutboxRepository,
  OutboxService,
  RedisProbe,
  QueueProgressProbe,
  QueueLifecycle,
];

const exported = [REDIS, QueueRegistry, QueueProducer, OutboxService];

@Global()
@Module({})
export class QueueModule {
  /** For the API: producing and health; its readiness answers for every registered queue. */
  static forApi(): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule, DatabaseModule.forFeature([OutboxEntity])],
      providers: [
        ...shared,
        OutboxProbe,
        { provide: WATCHED_QUEUES, inject: [QueueRegistry], useFactory: (r: QueueRegistry) => () => [...r.queues.values()] },
      ],
      exports: exported,
    };
  }

  /**
   * For a worker process: consumers for WORKER_QUEUES (whose readiness it answers for) and,
   * when `relay` is on, the outbox relay (and readiness for the outbox).
   */
  static forWorker({ relay }: { relay: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule, DatabaseModule.forFeature([OutboxEntity])],
      providers: [
        ...shared,
        WorkerHost,
        { provide: WATCHED_QUEUES, inject: [WorkerHost], useFactory: (w: WorkerHost) => () => w.selectedQueues() },
        ...(relay
          ? [
              OutboxProbe,
              {
                provide: OutboxRelay,
                inject: [DataSource, QueueProducer, QueueRegistry],
                useFactory: (db: DataSource, p: QueueProducer, r: QueueRegistry) => new OutboxRelay(db, p, r),
              },
            ]
          : []),
      ],
      exports: [...exported, WorkerHost],
    };
  }

  /**
   * For one-shot commands: writing outbox rows only (the relay of a running worker publishes
   * them). No Redis connection.
   */
  static forOutboxOnly(): DynamicModule {
    return {
      module: QueueModule,
      imports: [DatabaseModule.forFeature([OutboxEntity])],
      providers: [OutboxRepository, OutboxService],
      exports: [OutboxService],
    };
  }

  /** A module's own queues and outbox routes; its handlers and stale-work sources are its providers. */
  static forFeature(feature: { queues: QueueDefinition[]; routes: OutboxRoute[] }): DynamicModule {
    const token = `QueueFeature(${feature.queues.map((q) => q.name).join(',')})`;
    return {
      module: QueueFeatureModule,
      providers: [{ provide: token, useValue: new QueueFeature(feature.queues, feature.routes) }],
    };
  }
}

@Module({})
class QueueFeatureModule {}
