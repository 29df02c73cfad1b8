import { Module } from '@nestjs/common';
import { EmailChannel, WebhookChannel } from './channels';
import { DeliveryRepository } from './delivery.repository';
import { Notifier } from './notifier';
import { PushChannel } from './push-channel';
import { PushSubscriptions } from './push-subscriptions';

@Module({
  providers: [EmailChannel, WebhookChannel, PushChannel, PushSubscriptions, DeliveryRepository, Notifier],
  exports: [Notifier, DeliveryRepository, EmailChannel, PushChannel, PushSubscriptions],
})
export class NotificationsModule {}
