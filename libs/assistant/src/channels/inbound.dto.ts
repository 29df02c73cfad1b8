import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class InboundMessageDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() officeId: string;
  @ApiProperty({
    description:
      "the sender's address at the gateway (a phone number): booking look-ups are counted under its keyed hash for 15 minutes; never kept in clear, never logged",
    maxLength: 64,
  })
  @IsString()
  @Length(1, 64)
  from: string;
  @ApiProperty({ example: 'status K7M2QX9P 0001', maxLength: 1000 }) @IsString() @Length(1, 1000) text: string;
}
