import { CurrentUser, Public, Roles, type StaffPrincipal } from '@giliran/auth';
import type { FaqView } from '@giliran/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateFaqDto, UpdateFaqDto } from './faq.dto';
import { FaqService } from './faq.service';

const uuid = new ParseUUIDPipe();

@ApiTags('assistant')
@Controller('api/v1/offices/:officeId/faqs')
export class FaqController {
  constructor(private readonly faqs: FaqService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "The office's FAQs, in the order they were written (public)" })
  list(@Param('officeId', uuid) officeId: string): Promise<FaqView[]> {
    return this.faqs.list(officeId);
  }

  @Post()
  @ApiBearerAuth()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Add a question and its answer; keywords are other words citizens use for it' })
  create(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: CreateFaqDto): Promise<FaqView> {
    return this.faqs.create(user, officeId, body);
  }

  @Patch(':faqId')
  @ApiBearerAuth()
  @Roles('admin', 'supervisor')
  update(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Param('faqId', uuid) faqId: string,
    @Body() body: UpdateFaqDto,
  ): Promise<FaqView> {
    return this.faqs.update(user, officeId, faqId, body);
  }

  @Delete(':faqId')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('admin', 'supervisor')
  remove(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Param('faqId', uuid) faqId: string): Promise<void> {
    return this.faqs.remove(user, officeId, faqId);
  }
}
