import { Injectable, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/config';
import type { FirmTx } from '@app/database';
import { HandlesJob, JobHandler } from './job-handler.decorator';
import { OutboxRoute, route } from './outbox-route';
import { defineQueue, QueueDefinition, QueueOptions } from './queue-definition';
import { QueueConfigError, QueueRegistry } from './queue-registry';
import { QueueModule } from './queue.module';
import { StaleWork, StaleWorkSource } from './stale-work';
import { WorkerConfigError, WorkerHost } from './worker-host';

const OPTIONS: QueueOptions = {
  concurrency: 1,
  attempts: 1,
  backoffMs: 1,
  lockDurationMs: 1_000,
  maxStalledCount: 1,
  keepCompleted: { ageSeconds: 1, count: 1 },
  keepFailed: { ageSeconds: 1, count: 1 },
};

// Two modules' queues, declared as modules declare theirs.
const MAIL = defineQueue('mail', OPTIONS);
const SEND = MAIL.job<{ id: string }>('send', (p) => `send-${p.id}`);
const REPORTS = defineQueue('reports', OPTIONS);
const WEEKLY = REPORTS.job<{ id: string }>('weekly', (p) => `weekly-${p.id}`);
const DAILY = REPORTS.job<{ id: string }>('daily', (p) => `daily-${p.id}`);

@JobHandler(SEND)
@Injectable()
class SendHandler implements HandlesJob<{ id: string }> {
  async handle(): Promise<void> {}
}
@JobHandler(SEND)
@Injectable()
class SecondSendHandler implements HandlesJob<{ id: string }> {
  async handle(): Promise<void> {}
}
@JobHandler(WEEKLY)
@Injectable()
class WeeklyHandler implements HandlesJob<{ id: string }> {
  async handle(): Promise<void> {}
}
@JobHandler(DAILY)
@Injectable()
class DailyHandler implements HandlesJob<{ id: string }> {
  async handle(): Promise<void> {}
}

/** Wires the real QueueRegistry and WorkerHost through Nest's DI, as the worker does, without Redis. */
type Feature = { queues: QueueDefinition[]; routes: OutboxRoute[] };

async function wire(workerQueues: string[], providers: Type[], features: Feature[] = [{ queues: [MAIL], routes: [] }, { queues: [REPORTS], routes: [] }]) {
  const config = Object.assign(new AppConfig(), { WORKER_QUEUES: workerQueues });
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...features.map((f) => QueueModule.forFeature(f))],
    providers: [QueueRegistry, WorkerHost, { provide: AppConfig, useValue: config }, ...providers],
  }).compile();
  return { host: moduleRef.get(WorkerHost), registry: moduleRef.get(QueueRegistry) };
}

describe('WorkerHost', () => {
  it('finds every module\'s queues through DI and runs the ones WORKER_QUEUES names, once each', async () => {
    const { host, registry } = await wire(['reports', 'mail', 'reports'], []);
    expect([...registry.queues.keys()].sort()).toEqual(['mail', 'reports']);
    expect(host.selectedQueues().map((q) => q.name)).toEqual(['reports', 'mail']);
  });

  it('refuses an unknown queue, naming it and the known ones', async () => {
    const { host } = await wire(['mail', 'emails', 'sms'], []);
    expect(() => host.selectedQueues()).toThrow(WorkerConfigError);
    expect(() => host.selectedQueues()).toThrow('WORKER_QUEUES: unknown queue(s) emails, sms; known: mail, reports');
  });

  it('refuses an empty selection', async () => {
    const { host } = await wire([], []);
    expect(() => host.selectedQueues()).toThrow('WORKER_QUEUES: no queue selected');
  });

  it('finds one handler per job of the queues it runs', async () => {
    const { host } = await wire(['mail', 'reports'], [SendHandler, WeeklyHandler, DailyHandler]);
    const handlers = host.collectHandlers(host.selectedQueues());
    expect([...handlers.keys()].sort()).toEqual(['mail/send', 'reports/daily', 'reports/weekly']);
    expect(handlers.get('mail/send')).toBeInstanceOf(SendHandler);
  });

  it('refuses to start when a job of its queues has no handler, naming the job', async () => {
    const { host } = await wire(['reports'], [WeeklyHandler]);
    expect(() => host.collectHandlers(host.selectedQueues())).toThrow('no handler for job reports/daily');
  });

  it('does not need handlers for queues it does not run', async () => {
    const { host } = await wire(['mail'], [SendHandler]);
    expect([...host.collectHandlers(host.selectedQueues()).keys()]).toEqual(['mail/send']);
  });

  it('refuses two handlers for one job', async () => {
    const { host } = await wire(['mail'], [SendHandler, SecondSendHandler]);
    expect(() => host.collectHandlers(host.selectedQueues())).toThrow('two handlers for job mail/send');
  });
});

describe('QueueRegistry', () => {
  @StaleWork()
  @Injectable()
  class StaleMail implements StaleWorkSource {
    readonly name = 'stale mail';
    readonly topic = 'mail.requested';
    async findStale(_tx: FirmTx): Promise<string[]> {
      return [];
    }
  }

  it('routes each outbox topic to its job and finds the modules\' stale-work sources', async () => {
    const { registry } = await wire([], [StaleMail], [{ queues: [MAIL], routes: [route('mail.requested', SEND, (e) => ({ id: e.aggregateId }))] }]);
    expect(registry.route('mail.requested').job).toBe(SEND);
    expect(registry.route('mail.requested').payload({ aggregateId: 'a1', firmId: 'f1' })).toEqual({ id: 'a1' });
    expect(registry.staleWork).toHaveLength(1);
    expect(() => registry.route('nobody.listens')).toThrow('outbox topic "nobody.listens" has no route');
  });

  it('refuses two different queues under one name, and two routes for one topic', async () => {
    const impostor = defineQueue('mail', OPTIONS);
    const twoQueues = await wire([], [], [{ queues: [MAIL], routes: [] }, { queues: [impostor], routes: [] }]);
    expect(() => twoQueues.registry.queues).toThrow(QueueConfigError);
    const twoRoutes = await wire([], [], [
      { queues: [MAIL], routes: [route('mail.requested', SEND, (e) => ({ id: e.aggregateId }))] },
      { queues: [REPORTS], routes: [route('mail.requested', WEEKLY, (e) => ({ id: e.aggregateId }))] },
    ]);
    expect(() => twoRoutes.registry.queues).toThrow('two routes for outbox topic "mail.requested"');
  });

  it('refuses stale work whose topic has no route', async () => {
    const { registry } = await wire([], [StaleMail], [{ queues: [MAIL], routes: [] }]);
    expect(() => registry.staleWork).toThrow('stale work "stale mail" uses topic "mail.requested", which has no route');
  });

  it('refuses a job id with a colon, which BullMQ does not allow', () => {
    const odd = defineQueue('odd', OPTIONS).job<{ id: string }>('odd', (p) => `odd:${p.id}`);
    expect(() => odd.jobId({ id: '1' })).toThrow('contains');
  });
});
