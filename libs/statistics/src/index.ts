export * from './statistics.module';
export * from './stats.service';
export * from './stats.dto';
