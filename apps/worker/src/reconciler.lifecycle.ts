import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FirmScope, TenantDirectory } from '@app/database';
import { QueueRegistry, Reconciler } from '@app/queue';

/** Runs the reconciler beside the outbox relay, over every module's stale-work sources. */
@Injectable()
export class ReconcilerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly reconciler: Reconciler;

  constructor(scope: FirmScope, tenants: TenantDirectory, registry: QueueRegistry, private readonly config: AppConfig) {
    this.reconciler = new Reconciler(scope, tenants, registry, {
      intervalMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
      staleAfterSeconds: config.RECONCILE_STALE_AFTER_SECONDS,
      limit: 5_000,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_RELAY_ENABLED) this.reconciler.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.reconciler.stop();
  }
}
