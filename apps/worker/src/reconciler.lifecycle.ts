import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STUCK_CLAIMS } from '@app/claimants';
import { AppConfig } from '@app/config';
import { STUCK_EMAILS } from '@app/notifications';
import { Reconciler } from '@app/queue';

/** Runs the reconciler beside the outbox relay, with every module's stale-work query. */
@Injectable()
export class ReconcilerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly reconciler: Reconciler;

  constructor(db: DataSource, private readonly config: AppConfig) {
    this.reconciler = new Reconciler(db, [STUCK_CLAIMS, STUCK_EMAILS], {
      intervalMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
      staleAfterSeconds: config.RECONCILE_STALE_AFTER_SECONDS,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_RELAY_ENABLED) this.reconciler.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.reconciler.stop();
  }
}
