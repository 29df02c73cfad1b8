export * from './errors';
export * from './tickets';
export * from './events';
export * from './admin';
export * from './booking';
export * from './staff';
export * from './insight';
export * from './assistant';
