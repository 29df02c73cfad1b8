import { Public } from '@giliran/auth';
import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardService } from './board.service';

/** The live board of an office (API.md "Realtime": the body of every subscribe snapshot). */
@ApiTags('offices (public)')
@Public()
@Controller('api/v1/offices')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get(':officeId/queue')
  @ApiOperation({
    summary: 'The live board; the same body as the socket snapshot. With an ETag: send it back in If-None-Match for a 304 while nothing changed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of the board you have' })
  async queue(@Param('officeId', new ParseUUIDPipe()) officeId: string, @Res({ passthrough: true }) res: FastifyReply) {
    // The tag kept with the board (no hash of every answer); @fastify/etag answers 304 to it.
    const { board, etag } = await this.board.taggedBoard(officeId);
    res.header('ETag', etag).header('Cache-Control', 'no-cache');
    return board;
  }
}
