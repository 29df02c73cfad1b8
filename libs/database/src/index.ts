export * from './entities';
export * from './data-source';
export * from './transaction-runner';
export * from './database.module';
export * from './unique-violation';
export * from './statements';
export * from './deadline';
export * from './idempotency-store';
