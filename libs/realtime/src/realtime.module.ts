import { Global, Module } from '@nestjs/common';
import { RealtimePublisher } from './realtime.publisher';

/** The publisher, for API and worker alike. The gateway is assembled by the API app. */
@Global()
@Module({ providers: [RealtimePublisher], exports: [RealtimePublisher] })
export class RealtimeModule {}
