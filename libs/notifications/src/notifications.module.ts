import { Module } from '@nestjs/common';
import { EmailChannel, WebhookChannel } from './channels';
import { DeliveryRepository } from './delivery.repository';
import { Notifier } from './notifier';

@Module({ providers: [EmailChannel, WebhookChannel, DeliveryRepository, Notifier], exports: [Notifier, DeliveryRepository, EmailChannel] })
export class NotificationsModule {}
