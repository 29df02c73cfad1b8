export * from './decorators';
export * from './auth.guard';
export * from './auth.service';
export * from './auth.module';
export * from './office-access';
