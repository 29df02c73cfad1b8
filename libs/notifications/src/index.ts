export * from './channels';
export * from './delivery.repository';
export * from './messages';
export * from './notifier';
export * from './notifications.module';
export * from './outbound-url';
