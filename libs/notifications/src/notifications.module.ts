import { JobsModule } from '@giliran/jobs';
import { Module } from '@nestjs/common';
import { EmailChannel, WebhookChannel } from './channels';
import { DeliveryRepository } from './delivery.repository';
import { NotificationsController } from './notifications.controller';
import { Notifier } from './notifier';
import { PushChannel } from './push-channel';
import { PushSubscriptions } from './push-subscriptions';

/** The channels (e-mail, webhook, Web Push), the delivery log, and its dead letters for supervisors. */
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController],
  providers: [EmailChannel, WebhookChannel, PushChannel, PushSubscriptions, DeliveryRepository, Notifier],
  exports: [Notifier, DeliveryRepository, EmailChannel, PushChannel, PushSubscriptions],
})
export class NotificationsModule {}
