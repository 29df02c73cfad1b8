import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';

export class PushKeysDto {
  @ApiProperty({
    description: "the browser's P-256 public key, uncompressed, base64url (65 bytes); anything else is 400 INVALID_PUSH_SUBSCRIPTION",
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  p256dh: string;

  @ApiProperty({ description: 'the 16-byte authentication secret, base64url; anything else is 400 INVALID_PUSH_SUBSCRIPTION', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  auth: string;
}

/** A browser's `PushSubscription.toJSON()`, as the tracking page sends it. */
export class PushSubscriptionDto {
  @ApiProperty({
    description:
      'the push service URL: https, on a public address (else 400 PUSH_ENDPOINT_NOT_ALLOWED); kept sealed, and only until the end of the ticket’s day',
    maxLength: 1000,
    example: 'https://fcm.googleapis.com/fcm/send/c1KrmpTuRm…',
  })
  @IsString()
  @MaxLength(1000)
  endpoint: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'as the browser gives it; not used' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  expirationTime?: number | null;

  @ApiProperty({ type: PushKeysDto }) @IsObject() @ValidateNested() @Type(() => PushKeysDto) keys: PushKeysDto;
}

export class PushKeyView {
  @ApiProperty({
    description: "the server's VAPID public key (uncompressed P-256, base64url): the browser's applicationServerKey",
    example: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
  })
  publicKey: string;
}
