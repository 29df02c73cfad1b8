import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { withMigrationLock } from './migration-lock';
import { IdempotencyStore } from './idempotency-store';
import { TransactionRunner } from './transaction-runner';

export interface DatabaseModuleOptions {
  /** Run pending migrations when the data source opens (the apps do; tests migrate once up front). */
  migrate?: boolean;
  poolSize?: number;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const ds = createDataSource(config.database, { poolSize: options.poolSize });
            await ds.initialize();
            if (options.migrate) {
              const ran = await withMigrationLock(ds, () => ds.runMigrations({ transaction: 'each' }), DatabaseModule.logger);
              if (ran.length) DatabaseModule.logger.log(`applied migrations: ${ran.map((m) => m.name).join(', ')}`);
            }
            return ds;
          },
        },
        { provide: TransactionRunner, inject: [DataSource], useFactory: (ds: DataSource) => new TransactionRunner(ds) },
        IdempotencyStore,
      ],
      exports: [DataSource, TransactionRunner, IdempotencyStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
