import { Omittable } from '@giliran/infra';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length } from 'class-validator';

export class CreateFaqDto {
  @ApiProperty({ maxLength: 300 }) @IsString() @Length(3, 300) question: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) answer: string;
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'other words citizens use for it (each 1–40 characters)' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  keywords?: string[];
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' }) @Omittable() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class UpdateFaqDto {
  @ApiPropertyOptional({ maxLength: 300 }) @Omittable() @IsString() @Length(3, 300) question?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Omittable() @IsString() @Length(1, 2000) answer?: string;
  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  keywords?: string[];
  @ApiPropertyOptional({ enum: ['id', 'en'] }) @Omittable() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}
