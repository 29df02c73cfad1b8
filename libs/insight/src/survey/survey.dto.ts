import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const Answer = () => (target: object, key: string) => {
  ApiProperty({ minimum: 1, maximum: 4 })(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(4)(target, key);
};

/** The nine answers, by element number: all of them, each 1–4. */
export class SurveyAnswersDto {
  @Answer() '1': number;
  @Answer() '2': number;
  @Answer() '3': number;
  @Answer() '4': number;
  @Answer() '5': number;
  @Answer() '6': number;
  @Answer() '7': number;
  @Answer() '8': number;
  @Answer() '9': number;
}

export class SubmitSurveyDto {
  @ApiProperty({ type: SurveyAnswersDto }) @IsObject() @ValidateNested() @Type(() => SurveyAnswersDto) answers: SurveyAnswersDto;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

/** The counter tablet's answers: the visit's ticket, and what the tracking page sends. */
export class SubmitCounterSurveyDto extends SubmitSurveyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() ticketId: string;
}

export class SurveyQuestionsQuery {
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' }) @IsOptional() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class SurveyPeriodQuery {
  @ApiProperty({ example: '2026-12-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) to: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
