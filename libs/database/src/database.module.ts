import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { AppRoleGuard } from './app-role.guard';
import { dataSourceOptions } from './data-source-options';
import { FirmScope } from './firm-scope';
import { PostgresProbe } from './postgres.probe';

/**
 * The DataSource and the firm scope. Each module registers the entities of the tables it
 * owns with DatabaseModule.forFeature, so no list of every entity exists anywhere.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(applicationName = 'claims'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName }),
            autoLoadEntities: true,
            // Unreachable at boot is an operator error to report at once, not to retry for half a minute.
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [FirmScope, AppRoleGuard, PostgresProbe],
      exports: [FirmScope],
    };
  }

  static forFeature(entities: Parameters<typeof TypeOrmModule.forFeature>[0]): DynamicModule {
    return TypeOrmModule.forFeature(entities);
  }
}
