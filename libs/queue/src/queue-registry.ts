import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { OutboxRoute } from './outbox-route';
import type { QueueDefinition } from './queue-definition';
import { QueueFeature } from './queue-feature';
import { StaleWork, StaleWorkSource } from './stale-work';

export class QueueConfigError extends Error {
  override name = 'QueueConfigError';
}

/**
 * Every queue, outbox route and stale-work source the modules of this process registered,
 * found through Nest's discovery: adding a queue touches only the module that owns it.
 */
@Injectable()
export class QueueRegistry {
  private scanned: { queues: Map<string, QueueDefinition>; routes: Map<string, OutboxRoute>; staleWork: StaleWorkSource[] } | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  get queues(): ReadonlyMap<string, QueueDefinition> {
    return this.scan().queues;
  }

  get staleWork(): readonly StaleWorkSource[] {
    return this.scan().staleWork;
  }

  route(topic: string): OutboxRoute {
    const found = this.scan().routes.get(topic);
    if (!found) throw new QueueConfigError(`outbox topic "${topic}" has no route`);
    return found;
  }

  queue(name: string): QueueDefinition {
    const found = this.scan().queues.get(name);
    if (!found) throw new QueueConfigError(`no queue named "${name}"`);
    return found;
  }

  private scan() {
    if (this.scanned) return this.scanned;
    const queues = new Map<string, QueueDefinition>();
    const routes = new Map<string, OutboxRoute>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!(wrapper.instance instanceof QueueFeature)) continue;
      for (const queue of wrapper.instance.queues) {
        if (queues.has(queue.name) && queues.get(queue.name) !== queue) throw new QueueConfigError(`two queues named "${queue.name}"`);
        queues.set(queue.name, queue);
      }
      for (const r of wrapper.instance.routes) {
        if (routes.has(r.topic) && routes.get(r.topic) !== r) throw new QueueConfigError(`two routes for outbox topic "${r.topic}"`);
        routes.set(r.topic, r);
      }
    }
    const staleWork = this.discovery
      .getProviders({ metadataKey: StaleWork.KEY })
      .map((wrapper) => wrapper.instance as StaleWorkSource)
      .filter(Boolean);
    for (const source of staleWork) {
      if (!routes.has(source.topic)) throw new QueueConfigError(`stale work "${source.name}" uses topic "${source.topic}", which has no route`);
    }
    this.scanned = { queues, routes, staleWork };
    return this.scanned;
  }
}
