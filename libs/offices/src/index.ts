export * from './offices.module';
export * from './office.service';
export * from './office.repository';
export * from './office.dto';
export * from './national-holidays';
export * from './views';
export * from './capacity-changes';
