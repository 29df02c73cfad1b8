export * from './assistant.module';
export * from './faqs/faq.service';
export * from './ask/assistant.service';
export * from './channels/inbound-channel';
