import { Omittable } from '@giliran/infra';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

export class AskContextDto {
  @ApiPropertyOptional({ description: "the ticket's tracking token (the tracking page's): its number, position and estimate", maxLength: 100 })
  @Omittable()
  @IsString()
  @Length(1, 100)
  trackingToken?: string;
  @ApiPropertyOptional({ description: "the booking's manage token (the manage page's): its day, time and status", maxLength: 100 })
  @Omittable()
  @IsString()
  @Length(1, 100)
  manageToken?: string;
}

export class AskDto {
  @ApiProperty({ example: 'jam brp buka?', maxLength: 500 }) @IsString() @Length(1, 500) message: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the office asked; else the one of the token in context, or the only office' })
  @Omittable()
  @IsUUID()
  officeId?: string;
  @ApiPropertyOptional({ enum: ['id', 'en'], description: "the page's language: the answer's when the message does not tell" })
  @Omittable()
  @IsIn(['id', 'en'])
  locale?: 'id' | 'en';
  @ApiPropertyOptional({ type: AskContextDto }) @Omittable() @IsObject() @ValidateNested() @Type(() => AskContextDto) context?: AskContextDto;
}
