export * from './assistant.module';
export * from './faqs/faq.service';
