export * from './process-wiring';
