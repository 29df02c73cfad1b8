export * from './business-date';
export * from './numbering';
export * from './ticket-state';
export * from './ordering';
export * from './wait-estimate';
export * from './opening-hours';
export * from './domain-error';
export * from './stats';
