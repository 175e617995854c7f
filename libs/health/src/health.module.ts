import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HEALTH_DETAILS, HealthController, HealthDetails } from './health.controller';
import { ReadinessService } from './readiness.service';

/**
 * /health/live and /health/ready, for the API and the worker alike. Who may see the details
 * (queue depths, backlog ages, worker counts) is the app's choice: the worker's health port is
 * internal, the API's is public and shows them only to callers with HEALTH_TOKEN.
 */
@Global()
@Module({})
export class HealthModule {
  static forRoot(details: HealthDetails): DynamicModule {
    return {
      module: HealthModule,
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers: [ReadinessService, { provide: HEALTH_DETAILS, useValue: details }],
      exports: [ReadinessService],
    };
  }
}
